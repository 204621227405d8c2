// Listening: whatever a child types, wherever they are, is heard in one order (danger, then a
// disclosure of harm, then a rights question, then a kind fallback), through the real webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_APP_SECRET, type Harness, type TestUser } from "../harness/test-app.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { createPseudonymizer } from "../../src/domain/privacy/pseudonym.ts";
import { common, followup, langs, listen, report, rights, staffTexts, telegramCode, type Lang } from "../harness/locales.ts";
import type { RecordedCall } from "../../src/simulator/fake-bot-api.ts";
import { signInFully } from "../console/staff-sign-in.ts";
import { fileReport } from "../harness/report-flow.ts";

const STAFF_GROUP = -100_777_000_1;
const PASSWORD = "correct horse battery 42";
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_LANGUAGE: "en" } });
});
afterAll(() => h.close());

let nextId = 7_100_000;
const pseudonyms = createPseudonymizer(TEST_APP_SECRET);
const child = (lang: Lang) => h.user({ id: nextId++, language_code: telegramCode[lang] });
const toChild = (c: TestUser, calls: RecordedCall[]) =>
  calls.filter((x) => x.method === "sendMessage" && x.payload.chat_id === c.chatId).map((x) => String(x.payload.text));

/** A disclosure of ongoing violence and a danger phrase, as a child might type them. */
const DISCLOSURE: Record<Lang, string> = {
  kk: "әкем мені күнде ұрады",
  ru: "отчим бьёт меня каждый день",
  en: "my dad hits me every day",
};
const SUICIDE: Record<Lang, string> = { kk: "өлгім келеді", ru: "не хочу жить", en: "i want to kill myself" };

/** From the report's intro to its words step, about violence at home by a parent. */
async function toWordsStep(c: TestUser, lang: Lang): Promise<void> {
  const r = report[lang];
  for (const label of [
    r.start,
    r.safe_yes,
    r.cat_home_violence,
    r.who_parent,
    r.place_home,
    r.ongoing_yes,
    r.prefer_not,
    r.prefer_not,
    r.skip,
  ])
    await c.press(label);
}

/** The places a child can be when they start typing. */
const POINTS: Record<string, (c: TestUser, lang: Lang) => Promise<unknown>> = {
  "the welcome screen": (c) => c.send("/start"),
  "the privacy screen": async (c, lang) => {
    await c.send("/start");
    await c.press(common[lang].onboarding.continue);
  },
  "the menu": (c) => c.send("/menu"),
  "the rights home": (c) => c.send("/rights"),
  "a rights topic": async (c, lang) => {
    await c.send("/rights");
    await c.press(rights[lang].ui.browse);
    await c.press(rights[lang].ui.groups.online);
    await c.press(rights[lang].topics.cyberbullying.title);
  },
  "the quiz": async (c, lang) => {
    await c.send("/rights");
    await c.press(rights[lang].ui.quiz);
    await c.press(rights[lang].ui.quiz_start);
  },
  "after /hide": (c) => c.send("/hide"),
};

describe.each(langs)("free text is heard everywhere, in %s", (lang) => {
  const l = listen[lang];

  it.each(Object.keys(POINTS))("a disclosure at %s: thanks, help and «Tell the team», never the fallback", async (point) => {
    const c = child(lang);
    await POINTS[point]!(c, lang);
    const calls = await c.send(DISCLOSURE[lang]);
    const texts = toChild(c, calls);
    expect(texts[0]).toContain(l.disclosure.ack);
    expect(texts[0]).toContain("<b>150</b>");
    expect(texts[0]).toContain(l.disclosure.now); // violence may be going on now: 112/102 too
    expect(texts.join("\n")).not.toContain(l.fallback);
    expect(c.buttons()).toContain(l.buttons.tell_team);
    expect(c.buttons()).toContain(common[lang].nav.help);
  });

  it.each(Object.keys(POINTS))("a crisis at %s: the crisis reply alone, nothing after it", async (point) => {
    const c = child(lang);
    await POINTS[point]!(c, lang);
    const texts = toChild(c, await c.send(SUICIDE[lang]));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.startsWith(l.crisis.suicide)).toBe(true);
    expect(texts[0]).toContain(l.status.anonymous);
    expect(c.buttons()).toEqual(expect.arrayContaining([l.buttons.tell_team, l.buttons.may_write, common[lang].nav.help]));
  });

  it("text that is neither gets the kind fallback, then the screen the child was on", async () => {
    const c = child(lang);
    await c.send("/start");
    const texts = toChild(c, await c.send("ok 123"));
    expect(texts).toEqual([l.fallback, common[lang].onboarding.welcome]);
  });
});

describe("a story typed where the bot waits for a case code", () => {
  it("is heard as a story, not answered «code not found»", async () => {
    const c = child("ru");
    await c.send("/status");
    const texts = toChild(c, await c.send(DISCLOSURE.ru));
    expect(texts[0]).toContain(listen.ru.disclosure.ack);
    expect(texts.join("\n")).not.toContain(followup.ru.not_found);
  });
});

describe("a case code inside a sentence", () => {
  it("opens the report", async () => {
    const c = child("ru");
    const code = await fileReport(c, "ru", { words: "меня толкают в школе" });
    const other = child("ru");
    await other.send("/status");
    await other.send(`мой код ${code} пожалуйста`);
    expect(other.lastBotMessage().text).toContain(code.slice(0, 2));
    expect(other.lastBotMessage().text).not.toBe(followup.ru.not_found);
  });
});

describe("rights questions typed anywhere", () => {
  it.each([
    ["kk", "мұғалім телефонымды алып қоя ала ма"],
    ["ru", "может ли учитель забрать телефон"],
    ["en", "can my teacher take my phone"],
  ] as const)("right after /start in %s, the question is answered with topics", async (lang, question) => {
    const c = child(lang);
    await c.send("/start");
    const texts = toChild(c, await c.send(question));
    expect(texts).toEqual([rights[lang].ui.results]);
  });
});

describe("inside a report, typed words are kept", () => {
  it.each(langs)(
    "words typed at a button step join the report's words, the child is told, and sees them before Send (%s)",
    async (lang) => {
      const r = report[lang];
      const c = child(lang);
      await c.send("/report");
      await c.press(r.start);
      await c.press(r.safe_yes);
      const words = "he takes my lunch money every day";
      const texts = toChild(c, await c.send(words));
      expect(texts[0]).toBe(listen[lang].kept);
      expect(texts[1]).toBe(r.category); // the same step again, to go on
      await c.press(r.cat_extortion);
      await c.press(r.who_child);
      await c.press(r.place_school);
      await c.press(r.ongoing_yes);
      await c.press(r.prefer_not);
      await c.press(r.prefer_not);
      await c.press(r.skip);
      // The words step shows what is already kept, and lets the child go on without retyping.
      expect(c.lastBotMessage().text).toContain(words);
      await c.send("and he says he will beat me if i tell");
      await c.press(r.evidence_skip);
      await c.press(r.contact_no);
      const review = c.lastBotMessage().text!;
      expect(review).toContain(words);
      expect(review).toContain("and he says he will beat me if i tell");
      expect(await h.db.report.count({ where: { language: lang, category: "extortion" } })).toBe(0);
      await c.press(r.send);
      expect(await h.db.report.count({ where: { language: lang, category: "extortion" } })).toBe(1);
    },
  );
});

describe("a story told in several messages", () => {
  it("is heard whole: every part is kept for «Tell the team», none gets the fallback or the welcome again", async () => {
    const c = child("ru");
    await c.send("/start");
    await c.send("отчим бьет меня");
    const second = toChild(c, await c.send("вчера он толкнул меня об стену"));
    const third = toChild(c, await c.send("мама молчит и ничего не делает"));
    for (const texts of [second, third]) {
      expect(texts.join("\n")).not.toContain(listen.ru.fallback);
      expect(texts.join("\n")).not.toContain(common.ru.onboarding.welcome);
    }
    expect(third).toEqual([listen.ru.listening]);
    await c.press(listen.ru.buttons.tell_team);
    // The help numbers stay on screen: the report begins in a new message.
    expect(c.chat().some((m) => m.text === listen.ru.listening)).toBe(true);
    await toWordsStep(c, "ru");
    const words = c.lastBotMessage().text!;
    for (const part of ["отчим бьет меня", "вчера он толкнул меня об стену", "мама молчит и ничего не делает"])
      expect(words).toContain(part);
  });
});

describe("a question about rights that may be about the child", () => {
  it.each([
    ["ru", "если меня бьют в школе что делать"],
    ["en", "can my parents hit me?"],
  ] as const)("%s: the rights topics first, with the offer to tell the team (%s)", async (lang, question) => {
    const c = child(lang);
    await c.send("/start");
    const texts = toChild(c, await c.send(question));
    expect(texts).toEqual([`${rights[lang].ui.results}\n\n${listen[lang].question_happening}`]);
    expect(c.buttons()).toContain(listen[lang].buttons.tell_team);
  });
});

describe("«Tell the team»", () => {
  it.each(langs)("starts a report with the child's words filled in; nothing is sent until Send (%s)", async (lang) => {
    const r = report[lang];
    const c = child(lang);
    await c.send("/menu");
    await c.send(DISCLOSURE[lang]);
    await c.press(listen[lang].buttons.tell_team);
    expect(c.lastBotMessage().text).toBe(r.intro);
    await toWordsStep(c, lang);
    expect(c.lastBotMessage().text).toContain(DISCLOSURE[lang]);
    await c.press(r.words_done);
    await c.press(r.evidence_skip);
    await c.press(r.contact_no);
    expect(c.lastBotMessage().text).toContain(DISCLOSURE[lang]);
    const before = await h.db.report.count();
    await c.press(r.send);
    expect(await h.db.report.count()).toBe(before + 1);
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" } });
    const content = JSON.parse(await createSealer(TEST_APP_SECRET).open(stored!.contentSealed, `report:${stored!.id}`));
    expect(content.words).toBe(DISCLOSURE[lang]);
  });
});

describe("crisis replies fit the signal and tell the truth", () => {
  it.each([
    ["ru", "я режу себе руки лезвием", "self_harm"],
    ["ru", "отчим меня изнасиловал", "sexual_abuse"],
    ["en", "help he is breaking the door right now", "danger"],
    ["kk", "өзімді өлтіргім келеді", "suicide"],
  ] as const)("%s «%s» gets the %s reply", async (lang, text, variant) => {
    const c = child(lang);
    await c.send("/menu");
    const texts = toChild(c, await c.send(text));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.startsWith(listen[lang].crisis[variant])).toBe(true);
    expect(texts[0]).toContain(listen[lang].status.alerted);
    expect(texts[0]).toContain(listen[lang].status.can_tell);
  });

  it("says the team was told only when it really was: a blocked sender is answered, not alerted", async () => {
    const c = child("en");
    await c.send("/menu");
    const pseudonym = await pseudonyms.forUser(c.profile.id);
    await h.db.blockedPseudonym.create({ data: { pseudonym, reason: "test", blockedBy: "test" } });
    const calls = await c.send(SUICIDE.en);
    const [text] = toChild(c, calls);
    expect(text!.startsWith(listen.en.crisis.suicide)).toBe(true);
    expect(text).not.toContain(listen.en.status.alerted);
    expect(calls.some((x) => x.payload.chat_id === STAFF_GROUP)).toBe(false);
  });
});

describe("signals: danger heard outside a report reaches the console", () => {
  it("records what was heard (never the words), throttles per child across /forget, and lets staff reply once the child agrees", async () => {
    const c = child("ru");
    await c.send("/menu");
    const first = await c.send(SUICIDE.ru);
    const alert = first.find((x) => x.payload.chat_id === STAFF_GROUP);
    expect(alert?.payload.text).toContain(staffTexts.signal_suicide);
    const pseudonym = await pseudonyms.forUser(c.profile.id);
    const rows = await h.db.signal.findMany({ where: { pseudonym } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ signals: ["suicide"], language: "ru", place: "outside", status: "OPEN", contactSealed: null });
    expect(JSON.stringify(rows)).not.toContain(SUICIDE.ru);
    expect(String(alert?.payload.text)).toContain(rows[0]!.reference);

    // /forget clears the session, but not the throttle: staff are not alarmed twice in 30 minutes.
    await c.send("/forget");
    await c.press(common.ru.forget.yes);
    const again = await c.send(SUICIDE.ru);
    expect(toChild(c, again)[0]!.startsWith(listen.ru.crisis.suicide)).toBe(true);
    expect(again.some((x) => x.payload.chat_id === STAFF_GROUP)).toBe(false);
    expect(await h.db.signal.count({ where: { pseudonym } })).toBe(1);

    await c.press(listen.ru.buttons.may_write);
    expect(c.lastBotMessage().text).toBe(listen.ru.may_write_done);
    const signal = await h.db.signal.findFirstOrThrow({ where: { pseudonym } });
    expect(signal.contactSealed).not.toBeNull();
    expect(signal.contactSealed).not.toContain(String(c.chatId));

    await h.app.accounts.create({ email: "duty@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["astana"] });
    const staff = await signInFully(h, "duty@ombudsman.kz", PASSWORD);
    const page = await staff.get("/console/signals");
    expect(page.status).toBe(200);
    expect(staff.lastHtml).toContain(signal.reference);
    expect(staff.lastHtml).not.toContain(SUICIDE.ru);
    const reply = await staff.post(`/console/signals/${signal.id}/reply`, { text: "Мы рядом. Позвони 150." });
    await h.app.dispatcher.drain();
    expect(reply.status).toBe(302);
    expect(reply.headers.get("location")).toBe("/console/signals?flash=signal_reply_sent");
    // The child sees a notice without content, and the words only after opening it.
    expect(c.lastBotMessage().text).toBe("🔔 У тебя новое сообщение. Открыть?");
    await c.press("Открыть");
    expect(c.lastBotMessage().text).toContain("Мы рядом. Позвони 150.");
    expect(await h.db.auditEntry.count({ where: { action: "signal.reply", target: signal.reference } })).toBe(1);

    await staff.post(`/console/signals/${signal.id}/block`, {});
    expect(await h.db.blockedPseudonym.count({ where: { pseudonym } })).toBe(1);
    expect((await h.db.signal.findFirstOrThrow({ where: { pseudonym } })).status).toBe("CLOSED");
  });
});
