import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { decodeCallback } from "../../src/bot/callback-data.ts";
import { common, langs, listen, rights, telegramCode } from "../harness/locales.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

let nextUserId = 3_000_000;

describe.each(langs)("/start in %s", (lang) => {
  const t = common[lang];

  it("welcomes, explains privacy honestly, then shows the menu", async () => {
    const child = h.user({ id: nextUserId++, language_code: telegramCode[lang] });

    const calls = await child.send("/start");
    expect(calls.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(calls[0]!.payload).toMatchObject({ chat_id: child.chatId, text: t.onboarding.welcome, parse_mode: "HTML" });
    expect(child.buttons()).toEqual([t.onboarding.continue, t.nav.help, t.nav.menu]);

    await child.press(t.onboarding.continue);
    expect(child.lastBotMessage().text).toBe(t.onboarding.privacy);
    expect(child.lastBotMessage().text).toContain("/forget");
    // Pressing a button edits that message instead of adding new ones.
    expect(child.chat().filter((m) => m.from === "bot")).toHaveLength(1);
    expect(child.buttons()).toEqual([t.onboarding.understood, t.nav.back, t.nav.help, t.nav.menu]);

    await child.press(t.onboarding.understood);
    expect(child.lastBotMessage().text).toBe(t.menu.main);
    expect(child.buttons()).toEqual([t.menu.report, t.menu.rights, t.menu.my_reports, t.menu.cyberbullying, t.menu.help, t.menu.language]);
  });

  it("Back returns to the previous step", async () => {
    const child = h.user({ id: nextUserId++, language_code: telegramCode[lang] });
    await child.send("/start");
    await child.press(t.onboarding.continue);
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(t.onboarding.welcome);
  });

  it("shows the help contacts from the menu, with 150, 111, 112 and 102", async () => {
    const child = h.user({ id: nextUserId++, language_code: telegramCode[lang] });
    await child.send("/menu");
    await child.press(t.menu.help);
    const help = child.lastBotMessage().text!;
    expect(help).toBe(t.help.text);
    for (const number of ["150", "111", "112", "102"]) expect(help).toContain(`<b>${number}</b>`);
    // Help replaces the screen it came from: Back leads there (here, the menu).
    expect(child.buttons()).toEqual([t.nav.back, rights[lang].ui.region_help, t.nav.menu, t.nav.language]);
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(t.menu.main);
  });
});

describe("language", () => {
  it("asks first, in all three languages, when Telegram's language is not one of ours", async () => {
    const child = h.user({ id: nextUserId++, language_code: "de" });
    await child.send("/start");
    expect(child.lastBotMessage().text).toBe(common.en.language.choose);
    expect(child.buttons().slice(0, 3)).toEqual(["Қазақша", "Русский", "English"]);

    await child.press("Қазақша");
    expect(child.lastBotMessage().text).toBe(common.kk.onboarding.welcome);
  });

  it("asks when Telegram sends no language at all", async () => {
    const child = h.user({ id: nextUserId++ });
    await child.send("/start");
    expect(child.lastBotMessage().text).toBe(common.kk.language.choose);
  });

  it("can be switched from the menu; the choice is kept and wins over Telegram's", async () => {
    const child = h.user({ id: nextUserId++, language_code: "ru" });
    await child.send("/menu");
    await child.press(common.ru.menu.language);
    await child.press("English");
    expect(child.lastBotMessage().text).toBe(common.en.menu.main);

    // A later command, still with Telegram set to Russian, answers in English.
    await child.send("/help");
    expect(child.lastBotMessage().text).toBe(common.en.help.text);

    const profiles = await h.db.profile.findMany({ where: { language: "en" } });
    expect(profiles.length).toBeGreaterThanOrEqual(1);
    // The profile is keyed by a pseudonym, never by the Telegram id.
    for (const p of profiles) expect(p.pseudonym).not.toContain(String(child.chatId));
  });

  it("can be switched from the help screen and with /language", async () => {
    const child = h.user({ id: nextUserId++, language_code: "en" });
    await child.send("/help");
    await child.press(common.en.nav.language);
    await child.press("Русский");
    expect(child.lastBotMessage().text).toBe(common.ru.menu.main);
    await child.send("/language");
    await child.press("Қазақша");
    expect(child.lastBotMessage().text).toBe(common.kk.menu.main);
  });
});

describe("help is one tap away on every screen", () => {
  it.each(langs)("every screen the bot shows in %s carries the help button (or is help)", async (lang) => {
    const t = common[lang];
    const child = h.user({ id: nextUserId++, language_code: telegramCode[lang] });
    const mark = h.api.calls.length;
    await child.send("/start");
    await child.press(t.onboarding.continue);
    await child.press(t.onboarding.understood);
    await child.press(t.menu.language);
    await child.press(lang === "kk" ? "Қазақша" : lang === "ru" ? "Русский" : "English");
    await child.send("/forget");
    await child.press(t.forget.no);
    await child.send("something the bot does not expect");

    const screens = h.api.callsSince(mark).filter((c) => c.method === "sendMessage" || c.method === "editMessageText");
    expect(screens.length).toBeGreaterThanOrEqual(8);
    for (const screen of screens) {
      const keyboard = (
        screen.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
      ).inline_keyboard.flat();
      const reachesHelp = keyboard.some((b) => decodeCallback(b.callback_data)?.kind === "nav.help") || screen.payload.text === t.help.text;
      expect(reachesHelp, `screen without help: ${String(screen.payload.text).slice(0, 60)}`).toBe(true);
    }
  });
});

describe("unexpected input", () => {
  it.each(langs)("gets a kind answer and the way on in %s, never silence", async (lang) => {
    const t = common[lang];
    const child = h.user({ id: nextUserId++, language_code: telegramCode[lang] });
    const calls = await child.send("asdf qwerty");
    expect(calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([listen[lang].fallback, t.menu.main]);

    const sticker = await child.deliver(h.updates.sticker(child.profile));
    expect(sticker.some((c) => c.payload.text === listen[lang].fallback)).toBe(true);
  });

  it("mid-flow, re-shows the step the child is on", async () => {
    const t = common.ru;
    const child = h.user({ id: nextUserId++, language_code: "ru" });
    await child.send("/start");
    await child.press(t.onboarding.continue);
    const calls = await child.send("привет");
    expect(calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([listen.ru.fallback, t.onboarding.privacy]);
  });

  it("an old button says so and shows where the child is now", async () => {
    const t = common.en;
    const child = h.user({ id: nextUserId++, language_code: "en" });
    await child.send("/start");
    const welcome = child.lastBotMessage();
    const oldData = welcome.reply_markup!.inline_keyboard[0]![0]!;
    await child.press(t.onboarding.continue);
    // Words typed here bring the step back as a new message: the welcome message is now an older one.
    await child.send("hello?");
    const screens = child.chat().filter((m) => m.from === "bot").length;
    const calls = await child.pressData(welcome.message_id, "callback_data" in oldData ? oldData.callback_data! : "");
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(t.errors.oldButton);
    expect(child.lastBotMessage().text).toBe(t.onboarding.privacy);
    expect(child.chat().filter((m) => m.from === "bot").length).toBe(screens + 1);
  });

  it("a quick double tap does nothing the second time (the message already shows the next step)", async () => {
    const t = common.en;
    const child = h.user({ id: nextUserId++, language_code: "en" });
    await child.send("/start");
    const tap = child.pressUpdate(t.onboarding.continue);
    await child.deliver(tap);
    const screen = child.lastBotMessage();
    // The same button on the same message, its keyboard not yet redrawn on the phone.
    const again = structuredClone(tap) as { update_id: number; callback_query: { id: string } };
    again.update_id += 1_000_000; // an id no other update of this run uses
    again.callback_query.id += "-again";
    const calls = await child.deliver(again);
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]!.payload.text).toBeUndefined();
    expect(child.lastBotMessage()).toEqual(screen);
  });
});

describe("/forget", () => {
  it("deletes the profile and the session after a confirmation", async () => {
    const t = common.en;
    const child = h.user({ id: nextUserId++, language_code: "en" });
    await child.send("/language");
    await child.press("English");
    const before = await h.db.profile.count();
    await child.send("/forget");
    expect(child.lastBotMessage().text).toBe(t.forget.confirm);
    await child.press(t.forget.yes);
    expect(child.lastBotMessage().text).toBe(t.forget.done);
    expect(await h.db.profile.count()).toBe(before - 1);
  });
});

describe("the command menu", () => {
  it("is registered in each language, with /report, /status and /hide among the commands", async () => {
    const { registerCommands } = await import("../../src/bot/commands.ts");
    const mark = h.api.calls.length;
    await registerCommands(h.app.bot);
    const calls = h.api.callsSince(mark).filter((c) => c.method === "setMyCommands");
    expect(calls.map((c) => c.payload.language_code)).toEqual([undefined, "kk", "ru", "en"]);
    const ru = calls.find((c) => c.payload.language_code === "ru")!.payload.commands as { command: string; description: string }[];
    expect(ru.map((c) => c.command)).toEqual(["start", "menu", "help", "report", "rights", "status", "hide", "language", "forget"]);
    expect(ru.find((c) => c.command === "help")!.description).toBe(common.ru.commands.help);
  });
});
