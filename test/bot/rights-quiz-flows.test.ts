// "My rights" and the quiz are flows (flows/rights.json, flows/quiz.json): the engine's lists
// drawn from the rights library, its loops, conditional buttons and "stay" buttons, driven
// through the real webhook. What the child sees and what is counted, not how it is built.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common, listen, report, rights } from "../harness/locales.ts";
import { loadRightsLibrary } from "../../src/domain/rights/library.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

let nextId = 9_400_000;
const library = loadRightsLibrary();
const r = rights.en;
const t = common.en;
const title = (id: string) => r.topics[id as keyof typeof r.topics].title;
const quizText = (id: string) => r.quiz[id as keyof typeof r.quiz];

describe("My rights as a flow", () => {
  it("lists exactly the topics of the theme chosen, and Back walks the way back", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups.home);
    expect(child.lastBotMessage().text).toBe(`<b>${r.ui.groups.home}</b>\n\n${r.ui.group_title}`);
    const home = library.topics.filter((topic) => topic.group === "home").map((topic) => title(topic.id));
    const others = library.topics.filter((topic) => topic.group !== "home").map((topic) => title(topic.id));
    expect(child.buttons().filter((b) => home.includes(b))).toEqual(home);
    expect(child.buttons().filter((b) => others.includes(b) && !home.includes(b))).toEqual([]);
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(r.ui.groups_title);
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(r.ui.home);
  });

  it("offers «This is happening to me» only on topics that lead somewhere, and keeps the screen on «Did this help?»", async () => {
    const knowledge = library.topics.find((topic) => !topic.report)!;
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups[knowledge.group]);
    await child.press(title(knowledge.id));
    expect(child.buttons()).not.toContain(r.ui.happening);
    expect(child.buttons()).toEqual(expect.arrayContaining([r.ui.more, r.ui.helped_yes, r.ui.helped_no, t.nav.back, t.nav.help]));
    const page = child.lastBotMessage();
    const calls = await child.press(r.ui.helped_no);
    // A short note over the chat; no new message, no edit.
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]!.payload.text).toBe(r.ui.thanks);
    expect(child.lastBotMessage()).toEqual(page);
    expect(await h.db.topicFeedback.count({ where: { topicId: knowledge.id, helpful: false, language: "en" } })).toBe(1);
    // A second tap is thanked, not counted again.
    const again = await child.press(r.ui.helped_yes);
    expect(again.find((c) => c.method === "answerCallbackQuery")!.payload.text).toBe(r.ui.thanks);
    expect(await h.db.topicFeedback.count({ where: { topicId: knowledge.id } })).toBe(1);
  });

  it("acts on the topic a message shows, never on the one open now: an older topic's buttons are old", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups.home);
    await child.press(title("home_violence"));
    const older = child.lastBotMessage();
    // Another topic opens in a new message (a search result).
    await child.send("/rights");
    await child.press(r.ui.ask);
    await child.send("what to do if a classmate posts my photos");
    await child.press(title("cyberbullying"));
    const helpedYes = older.reply_markup!.inline_keyboard.flat().find((b) => b.text === r.ui.helped_yes)!;
    const calls = await child.pressData(older.message_id, "callback_data" in helpedYes ? helpedYes.callback_data! : "");
    expect(calls.find((c) => c.method === "answerCallbackQuery")!.payload.text).toBe(t.errors.oldButton);
    expect(await h.db.topicFeedback.count({ where: { topicId: "cyberbullying", language: "en", helpful: true } })).toBe(0);
    // The older message keeps what it shows; the topic open now is shown anew below it.
    expect(child.chat().find((m) => m.message_id === older.message_id)!.text).toBe(older.text);
    expect(child.lastBotMessage().text).toContain(r.topics.cyberbullying.short);
  });

  it("leads back from «Help in my region» to the rights home it was opened from", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.region_help);
    expect(child.buttons()).toEqual(expect.arrayContaining([t.nav.back, t.nav.help, t.nav.menu]));
    await child.press(report.en.regions.almaty);
    expect(child.buttons()).toEqual(expect.arrayContaining([r.ui.region_help, t.nav.back, t.nav.help, t.nav.menu]));
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(r.ui.home);
  });

  it("goes Back from the report's first screen to the topic it was opened from, until something is answered", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups.online);
    await child.press(title("cyberbullying"));
    const topic = child.lastBotMessage().text;
    await child.press(r.ui.happening);
    expect(child.lastBotMessage().text).toBe(report.en.intro);
    // A child who only wanted to look can go back, without "Stop and delete".
    expect(child.buttons()).toEqual(expect.arrayContaining([t.nav.back, t.nav.cancel]));
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(topic);
    // Once something is answered in the report, Back walks the report's own steps and stops at its start.
    await child.press(r.ui.happening);
    await child.press(report.en.start);
    await child.press(report.en.safe_yes);
    await child.press(t.nav.back);
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(report.en.intro);
    expect(child.buttons()).not.toContain(t.nav.back);
  });

  it("opens the rights home on /rights, even from the middle of My rights", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups.school);
    await child.send("/rights");
    expect(child.lastBotMessage().text).toBe(r.ui.home);
  });

  it("opens a search result in the flow, with the way to the other topics of its theme", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    await child.press(r.ui.ask);
    await child.send("what to do if a classmate posts my photos");
    await child.press(title("cyberbullying"));
    expect(child.lastBotMessage().text).toContain(r.topics.cyberbullying.short);
    // Nothing to go Back to: the theme's topics instead.
    expect(child.buttons()).not.toContain(t.nav.back);
    await child.press(r.ui.theme_topics);
    expect(child.lastBotMessage().text).toBe(`<b>${r.ui.groups.online}</b>\n\n${r.ui.group_title}`);
    expect(child.buttons()).toContain(title("cyberbullying"));
    // Back to the topic, or on to the list of themes.
    expect(child.buttons()).toEqual(expect.arrayContaining([t.nav.back, r.ui.back_topics]));
    await child.press(r.ui.back_topics);
    expect(child.lastBotMessage().text).toBe(r.ui.groups_title);
  });

  it("leads a button of a message sent before the flow to the same place in it", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/rights");
    const old = child.lastBotMessage().message_id;
    await child.pressData(old, "rt:g:online");
    expect(child.lastBotMessage().text).toBe(`<b>${r.ui.groups.online}</b>\n\n${r.ui.group_title}`);
    await child.pressData(old, "rt:t:cyberbullying");
    expect(child.lastBotMessage().text).toContain(r.topics.cyberbullying.short);
    await child.pressData(old, "rt:f:cyberbullying:1");
    expect(await h.db.topicFeedback.count({ where: { topicId: "cyberbullying", helpful: true } })).toBeGreaterThanOrEqual(1);
  });
});

describe("the quiz as a flow", () => {
  it("counts the first answer (no Back once it is explained), re-asks after typed words, and counts the result once", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/quiz");
    expect(child.lastBotMessage().text).toBe(r.ui.quiz_intro.replace("{{count}}", String(library.quiz.length)));
    await child.press(r.ui.quiz_start);
    const [first, second] = library.quiz;
    const wrong = quizText(first!.id).options[(first!.correct + 1) % 3]!;
    await child.press(wrong);
    const explained = child.lastBotMessage().text!;
    expect(explained).toContain(quizText(first!.id).options[first!.correct]!);
    // The right answer is on the screen now: no way back to change the first one.
    expect(child.buttons()).not.toContain(t.nav.back);
    await child.press(r.ui.quiz_next);
    // Back from the next question shows the explanation again, still without a way to answer anew.
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(explained);
    expect(child.buttons()).not.toContain(t.nav.back);
    await child.press(r.ui.quiz_next);
    // Words typed where a button is expected: heard, then the same question again.
    await child.send("hmm not sure");
    expect(child.chat().at(-2)!.text).toBe(listen.en.fallback);
    expect(child.lastBotMessage().text).toContain(quizText(second!.id).question);
    expect(child.lastBotMessage().text).toContain(`2`);
    for (const q of library.quiz.slice(1)) {
      await child.press(quizText(q.id).options[q.correct]!);
      await child.press(r.ui.quiz_next);
    }
    await child.press(r.ui.sat_good);
    await child.press(t.nav.back);
    expect(child.lastBotMessage().text).toBe(r.ui.quiz_satisfaction);
    await child.press(r.ui.sat_bad);
    await child.press(t.nav.back);
    await child.press(r.ui.sat_partly);
    const before = await h.db.quizResult.count();
    // The quiz says why it asks, and that nobody will contact the child.
    expect(child.lastBotMessage().text).toBe(r.ui.quiz_region);
    await child.press(report.en.regions.pavlodar);
    await child.press(report.en.prefer_not);
    const done = child.lastBotMessage();
    expect(done.text).toContain(`${library.quiz.length - 1} of ${library.quiz.length}`);
    expect(child.buttons()).not.toContain(t.nav.back);
    expect(await h.db.quizResult.count()).toBe(before + 1);
    const saved = await h.db.quizResult.findFirst({ orderBy: { createdAt: "desc" } });
    expect(saved).toMatchObject({ region: "pavlodar", ageBand: null, satisfaction: "partly", language: "en" });
    // Typed words on the result screen show it again; nothing is counted twice.
    await child.send("ok");
    expect(await h.db.quizResult.count()).toBe(before + 1);
  });

  it("starts again from the beginning when a button of the quiz before it was a flow is tapped", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    const old = child.lastBotMessage().message_id;
    const calls = await child.pressData(old, "qz:a:3:1");
    expect(calls.find((c) => c.method === "answerCallbackQuery")!.payload.text).toBe(t.errors.oldButton);
    expect(child.lastBotMessage().text).toBe(r.ui.quiz_intro.replace("{{count}}", String(library.quiz.length)));
    await child.press(r.ui.quiz_start);
    expect(child.lastBotMessage().text).toContain(quizText(library.quiz[0]!.id).question);
  });
});
