// The child-held lock on "My reports": whoever holds the child's phone (a parent, the person a
// report is about) must not read the thread, write into it as the child, or open a team message
// without the case code once the report has locked (a while without use, or a quick exit).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness, type TestUser } from "../harness/test-app.ts";
import { fileReport } from "../harness/report-flow.ts";
import { common, followup, langs, type Lang } from "../harness/locales.ts";

const STAFF_GROUP = -100_555_000_7;
const STAFF_A = 9_101;
const MINUTE = 60 * 1000;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_USER_IDS: String(STAFF_A), STAFF_LANGUAGE: "en", STAFF_POSTS_PER_MINUTE: "60" },
  });
});
afterAll(() => h.close());
afterEach(() => {
  vi.useRealTimers();
});

let nextId = 8_700_000;
const staffMessages = () => h.api.messages(STAFF_GROUP).filter((m) => m.from === "bot" && !m.deleted);
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? "");
const today = () => new Date().toISOString().slice(0, 10);
/** Moves the clock on (Date only: no sleeps, nothing else faked). */
const later = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
};

async function newest() {
  return h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
}

/** Files a report and adds the child's own words to its thread, while it is still open. */
async function reportWithThread(child: TestUser, lang: Lang, words: string): Promise<string> {
  const code = await fileReport(child, lang);
  const f = followup[lang];
  await child.press(common[lang].menu.my_reports);
  expect(child.lastBotMessage().text).toBe(f.my_reports);
  await child.press(fill(f.item, { hint: code.slice(0, 2), date: today(), status: f.status_NEW }));
  expect(child.lastBotMessage().text).toContain(f.status_NEW);
  await child.press(f.add);
  await child.send(words);
  expect(child.lastBotMessage().text).toBe(f.sent);
  return code;
}

/** The lock screen: the code is asked, nothing of the report shows, help and a way out are one tap away. */
function expectLockScreen(child: TestUser, lang: Lang, words: string[], text: string = followup[lang].locked): void {
  const screen = child.lastBotMessage().text!;
  expect(screen).toBe(text);
  for (const w of words) expect(screen).not.toContain(w);
  expect(child.buttons()).toEqual(
    expect.arrayContaining([common[lang].nav.help, common[lang].nav.quick_exit, common[lang].menu.my_reports]),
  );
}

describe.each(langs)("the lock in %s", (lang) => {
  it("after a report the thread opens at once; after /hide the list is neutral and a report asks for its code", async () => {
    const f = followup[lang];
    const child = h.user({ id: nextId++, language_code: lang === "en" ? "en-US" : lang });
    const words = `my own words ${lang} 7731`;
    const code = await reportWithThread(child, lang, words);

    await child.send("/hide");
    await child.send("/reports");
    const list = child.lastBotMessage();
    expect(list.text).toBe(f.my_reports_locked);
    const lines = child.buttons();
    expect(lines).toContain(fill(f.item_locked, { date: today() }));
    expect(lines.join(" ")).not.toContain(f.status_NEW);
    expect(lines.join(" ")).not.toContain(code.slice(0, 2) + "…");
    expect(lines).toContain(common[lang].nav.help);

    await child.press(fill(f.item_locked, { date: today() }));
    expectLockScreen(child, lang, [words, f.status_NEW]);

    await child.send(code);
    const view = child.lastBotMessage().text!;
    expect(view).toContain(words);
    expect(view).toContain(f.status_NEW);
  });
});

describe("the lock", () => {
  it("a wrong code does not open the report and counts as a failed attempt; the right one opens it", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const words = "words nobody else should read 5512";
    const code = await reportWithThread(child, "en", words);
    const pseudonym = (await newest()).reporterPseudonym!;
    await child.send("/hide");
    await child.send("/reports");
    await child.press(fill(followup.en.item_locked, { date: today() }));

    const failedBefore = await h.db.codeAttempt.count({ where: { pseudonym, success: false } });
    const wrong = code.startsWith("Z") ? "YYYYY-YYYYY" : "ZZZZZ-ZZZZZ";
    await child.send(wrong);
    expect(child.lastBotMessage().text).toBe(followup.en.not_found);
    expect(child.chat().some((m) => m.text?.includes(words))).toBe(false);
    expect(await h.db.codeAttempt.count({ where: { pseudonym, success: false } })).toBe(failedBefore + 1);

    await child.send(code);
    expect(child.lastBotMessage().text).toContain(words);
  });

  it("too many wrong codes stop the guessing, even with the right code", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const code = await reportWithThread(child, "en", "guess me not");
    await child.send("/hide");
    await child.send("/reports");
    await child.press(fill(followup.en.item_locked, { date: today() }));
    for (let i = 0; i < 10; i++) await child.send("ZZZZZ-ZZZZ" + "23456789AB"[i]);
    await child.send(code);
    expect(child.lastBotMessage().text).toBe(followup.en.too_many);
    expect(child.chat().some((m) => m.text?.includes("guess me not"))).toBe(false);
  });

  it("locks again after 31 minutes without use; using it keeps it open", async () => {
    const child = h.user({ id: nextId++, language_code: "ru" });
    const words = "мои слова 4417";
    const code = await reportWithThread(child, "ru", words);
    const f = followup.ru;
    const openItem = fill(f.item, { hint: code.slice(0, 2), date: today(), status: f.status_NEW });

    later(20 * MINUTE);
    await child.send("/reports");
    await child.press(openItem);
    expect(child.lastBotMessage().text).toContain(words);

    // 25 minutes after the last use: still open.
    later(25 * MINUTE);
    await child.send("/reports");
    await child.press(openItem);
    expect(child.lastBotMessage().text).toContain(words);

    later(31 * MINUTE);
    await child.send("/reports");
    expect(child.lastBotMessage().text).toBe(f.my_reports_locked);
    await child.press(fill(f.item_locked, { date: today() }));
    expectLockScreen(child, "ru", [words]);
    await child.send(code);
    expect(child.lastBotMessage().text).toContain(words);
  });

  it("an old 'Add a message' or report button asks for the code after the lock", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await reportWithThread(child, "en", "first words");
    const report = await newest();
    later(31 * MINUTE);
    await child.pressData(child.lastBotMessage().message_id, `fu:add:${report.id}`);
    expectLockScreen(child, "en", ["first words"]);
    await child.pressData(child.lastBotMessage().message_id, `fu:view:${report.id}`);
    expectLockScreen(child, "en", ["first words"]);
  });

  it("a message typed after the report locked is not sent as the child; with the code the child chooses to send it", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const code = await reportWithThread(child, "en", "first words");
    const report = await newest();
    await child.press(common.en.menu.my_reports);
    await child.press(fill(followup.en.item, { hint: code.slice(0, 2), date: today(), status: followup.en.status_NEW }));
    await child.press(followup.en.add);

    later(31 * MINUTE);
    const before = staffMessages().length;
    await child.send("typed while locked 9981");
    expectLockScreen(child, "en", ["first words", "typed while locked"], followup.en.locked_write);
    expect(staffMessages().length).toBe(before);
    expect(await h.db.reportMessage.count({ where: { reportId: report.id } })).toBe(1);

    await child.send(code);
    expect(child.lastBotMessage().text).toBe(fill(followup.en.held, { text: "typed while locked 9981" }));
    await child.press(followup.en.held_send);
    expect(child.lastBotMessage().text).toBe(followup.en.sent);
    expect(staffMessages().length).toBeGreaterThan(before);
    expect(await h.db.reportMessage.count({ where: { reportId: report.id } })).toBe(2);
  });

  it("a held message can be dropped, and a quick exit drops it too", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const code = await reportWithThread(child, "en", "first words");
    const report = await newest();
    await child.press(common.en.menu.my_reports);
    await child.press(fill(followup.en.item, { hint: code.slice(0, 2), date: today(), status: followup.en.status_NEW }));
    await child.press(followup.en.add);
    later(31 * MINUTE);
    await child.send("someone else typing");
    await child.send(code);
    await child.press(followup.en.held_drop);
    expect(child.lastBotMessage().text).toContain(followup.en.status_NEW);
    expect(await h.db.reportMessage.count({ where: { reportId: report.id } })).toBe(1);

    await child.press(followup.en.add);
    later(31 * MINUTE);
    await child.send("typed then hidden");
    await child.send("/hide");
    await child.send(code);
    expect(child.lastBotMessage().text).not.toContain("typed then hidden");
    expect(child.buttons()).not.toContain(followup.en.held_send);
  });

  it("a staff reply's notification opened while locked asks for the code first, then shows the message", async () => {
    const child = h.user({ id: nextId++, language_code: "kk" });
    const code = await fileReport(child, "kk");
    const post = staffMessages().at(-1)!;
    await child.send("/hide");

    const staff = h.staff({ id: STAFF_A }, STAFF_GROUP);
    const reply = "Біз сені естідік 3390";
    await staff.send(reply, { replyTo: post.message_id });
    expect(child.lastBotMessage().text).toBe(followup.kk.new_message);

    await child.press(followup.kk.open);
    expectLockScreen(child, "kk", [reply, followup.kk.status_NEW]);
    const message = await h.db.reportMessage.findFirstOrThrow({ where: { author: "STAFF" }, orderBy: { createdAt: "desc" } });
    expect(message.readAt).toBeNull();

    await child.send(code);
    const view = child.lastBotMessage().text!;
    expect(view).toContain(reply);
    expect(view).toContain(followup.kk.thread_team);
    expect((await h.db.reportMessage.findUniqueOrThrow({ where: { id: message.id } })).readAt).not.toBeNull();
  });

  it("a notification opened right after the report, with no quick exit, shows the message at once", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await fileReport(child, "en");
    const post = staffMessages().at(-1)!;
    await h.staff({ id: STAFF_A }, STAFF_GROUP).send("We read it 1207", { replyTo: post.message_id });
    await child.press(followup.en.open);
    expect(child.lastBotMessage().text).toContain("We read it 1207");
  });

  it("a report opened with its code from another account locks again too", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const code = await reportWithThread(child, "en", "from my old phone");
    const other = h.user({ id: nextId++, language_code: "en" });
    await other.send("/status");
    await other.send(code);
    expect(other.lastBotMessage().text).toContain("from my old phone");
    const report = await newest();
    later(31 * MINUTE);
    await other.pressData(other.lastBotMessage().message_id, `fu:view:${report.id}`);
    expectLockScreen(other, "en", ["from my old phone"]);
  });
});
