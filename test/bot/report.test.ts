import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, TEST_APP_SECRET, type Harness, type TestUser } from "../harness/test-app.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { common, followup, langs, listen, report, staffTexts, telegramCode, type Lang } from "../harness/locales.ts";

const STAFF_GROUP = -100_555_000_1;
const STAFF_A = 9_001;
const STAFF_B = 9_002;
let h: Harness;
beforeAll(async () => {
  // These tests read the child's words in the group: the ombudsman's `full` level (the default is a summary).
  h = await createHarness({
    env: {
      STAFF_CHAT_ID: String(STAFF_GROUP),
      STAFF_USER_IDS: `${STAFF_A},${STAFF_B}`,
      STAFF_LANGUAGE: "en",
      STAFF_POSTS_PER_MINUTE: "60",
      STAFF_GROUP_DETAIL: "full",
    },
  });
});
afterAll(() => h.close());

let nextId = 8_000_000;
const CODE = /<code>([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})<\/code>/;
const staffMessages = () => h.api.messages(STAFF_GROUP).filter((m) => m.from === "bot" && !m.deleted);

/** Goes through the whole report flow with buttons and text; returns the case code. */
async function fileReport(child: TestUser, lang: Lang, words: string, options: { contact?: boolean } = {}): Promise<string> {
  const r = report[lang];
  await child.send("/menu");
  await child.press(common[lang].menu.report);
  expect(child.lastBotMessage().text).toBe(r.intro);
  await child.press(r.start);
  await child.press(r.safe_yes);
  await child.press(r.cat_bullying);
  await child.press(r.who_child);
  await child.press(r.place_school);
  await child.press(r.ongoing_yes);
  await child.press(r.regions.almaty);
  await child.press(r.age_13_15);
  await child.send("School 25");
  expect(child.lastBotMessage().text).toBe(r.words);
  await child.send(words);
  expect(child.lastBotMessage().text).toBe(r.evidence);
  await child.press(r.evidence_done);
  await child.press(options.contact === false ? r.contact_no : r.contact_yes);
  const review = child.lastBotMessage().text!;
  expect(review).toContain(words.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  expect(review).toContain(r.regions.almaty);
  expect(review).toContain(r.cat_bullying);
  await child.press(r.send);
  const submitted = child.lastBotMessage().text!;
  const code = CODE.exec(submitted)?.[1];
  expect(code, submitted).toBeDefined();
  return code!;
}

describe.each(langs)("a complete report in %s", (lang) => {
  it("gives a case code, stores the report sealed, and posts a copy to the staff group", async () => {
    const child = h.user({ id: nextId++, first_name: "Child", language_code: telegramCode[lang] });
    const words = `Они каждый день обзывают меня ${lang} <script>`;
    const before = staffMessages().length;
    const code = await fileReport(child, lang, words);

    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" } });
    expect(stored).toMatchObject({
      category: "bullying",
      involved: "child",
      place: "school",
      ongoing: "yes",
      region: "almaty",
      ageBand: "AGE_13_15",
      language: lang,
      status: "NEW",
      priority: "NORMAL",
    });
    expect(stored!.contentSealed).not.toContain("обзывают");
    expect(stored!.codeHash).not.toContain(code.replace("-", ""));
    expect(stored!.codeHint).toBe(code.slice(0, 2));
    expect(stored!.slaDueAt.getTime() - stored!.createdAt.getTime()).toBe(72 * 3600 * 1000);

    const posts = staffMessages().slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain(`Case #${stored!.number}`);
    expect(posts[0]!.text).toContain("&lt;script&gt;");
    expect(posts[0]!.text).not.toContain(code);
    expect(posts[0]!.text).not.toContain(String(child.chatId));
    expect(posts[0]!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toContain(staffTexts.claim);
    // Copied, never forwarded.
    expect(h.api.calls.some((c) => c.method === "forwardMessage")).toBe(false);
    expect(child.buttons()).toContain(common[lang].menu.my_reports);
  });
});

describe("the urgent path", () => {
  it("'not safe' shows emergency contacts and alerts staff in the same update, then asks the fewest questions", async () => {
    const r = report.ru;
    const child = h.user({ id: nextId++, language_code: "ru" });
    await child.send("/menu");
    await child.press(common.ru.menu.report);
    await child.press(r.start);
    const calls = await child.press(r.safe_no);
    const toChild = calls.find((c) => c.payload.chat_id === child.chatId && c.method === "editMessageText");
    expect(toChild?.payload.text).toBe(r.danger);
    for (const n of ["112", "102", "150"]) expect(r.danger).toContain(n);
    const alert = calls.find((c) => c.method === "sendMessage" && c.payload.chat_id === STAFF_GROUP);
    expect(alert?.payload.text).toContain("URGENT");

    await child.press(r.continue);
    await child.press(r.cat_physical);
    // Straight to their words: no who/where/region/age questions.
    expect(child.lastBotMessage().text).toBe(r.words);
    await child.send("Он бьёт меня");
    await child.press(r.evidence_skip);
    await child.press(r.contact_yes);
    await child.press(r.send);
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" } });
    expect(stored).toMatchObject({ priority: "URGENT", safeNow: "no", involved: null, region: null });
    expect(stored!.priorityReasons).toContain("not_safe_now");
    expect(stored!.slaDueAt.getTime() - stored!.createdAt.getTime()).toBe(3600 * 1000);
    expect(staffMessages().at(-1)!.text).toContain("🔴 URGENT");
  });

  it.each([
    ["kk", "мен өзімді өлтіргім келеді"],
    ["ru", "я больше не хочу жить"],
    ["en", "i want to kill myself"],
  ] as const)("words about suicide in %s: contacts for the child and a staff alert at once, report urgent", async (lang, words) => {
    const r = report[lang];
    const child = h.user({ id: nextId++, language_code: lang });
    await child.send("/menu");
    await child.press(common[lang].menu.report);
    await child.press(r.start);
    await child.press(r.safe_yes);
    await child.press(r.cat_emotional);
    await child.press(r.who_parent);
    await child.press(r.place_home);
    await child.press(r.ongoing_yes);
    await child.press(r.prefer_not);
    await child.press(r.prefer_not);
    await child.press(r.skip);
    const calls = await child.send(words);
    const crisis = calls.find((c) => c.payload.chat_id === child.chatId && String(c.payload.text).startsWith(listen[lang].crisis.suicide));
    // Inside a report, the reply says the report is open and that the team was really told.
    expect(crisis?.payload.text).toContain(listen[lang].status.report_open);
    expect(crisis?.payload.text).toContain(listen[lang].status.alerted);
    const alert = calls.find((c) => c.payload.chat_id === STAFF_GROUP);
    expect(alert?.payload.text).toContain(staffTexts.signal_suicide);
    expect(String(alert?.payload.text)).not.toContain(words);
    await child.press(r.evidence_skip);
    await child.press(r.contact_no);
    await child.press(r.send);
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" } });
    expect(stored!.priority).toBe("URGENT");
    expect(stored!.priorityReasons).toContain("risk:suicide");
    expect(stored!.contactSealed).toBeNull();
  });
});

describe("danger words outside a report", () => {
  it.each([
    ["kk", "мен өлгім келеді"],
    ["ru", "я хочу покончить с собой"],
    ["en", "i want to die"],
  ] as const)("typed in the menu in %s: contacts at once, staff alerted once, the text still answered", async (lang, words) => {
    const child = h.user({ id: nextId++, language_code: lang });
    await child.send("/menu");
    const calls = await child.send(words);
    const isCrisis = (c: { payload: Record<string, unknown> }) =>
      c.payload.chat_id === child.chatId && String(c.payload.text).startsWith(listen[lang].crisis.suicide);
    expect(calls.filter(isCrisis)).toHaveLength(1);
    // No report is open: the reply offers to tell the team, and says nothing about a report.
    expect(calls.find(isCrisis)?.payload.text).toContain(listen[lang].status.can_tell);
    expect(calls.find(isCrisis)?.payload.text).not.toContain(listen[lang].status.report_open);
    // Nothing follows a crisis reply: no fallback, no list of topics.
    expect(calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === child.chatId)).toHaveLength(1);
    const alert = calls.find((c) => c.payload.chat_id === STAFF_GROUP);
    expect(alert?.payload.text).toContain(staffTexts.signal_suicide);
    expect(String(alert?.payload.text)).not.toContain(words);
    // The same words again: the child is answered again; staff are not alarmed twice.
    const again = await child.send(words);
    expect(again.some(isCrisis)).toBe(true);
    expect(again.some((c) => c.payload.chat_id === STAFF_GROUP)).toBe(false);
  });

  it("in a photo's caption too", async () => {
    const child = h.user({ id: nextId++, language_code: "ru" });
    const update = h.updates.text(child.profile, "x");
    const { text: _text, ...message } = update.message!;
    const calls = await child.deliver({
      ...update,
      message: { ...message, caption: "отчим меня изнасиловал", photo: [{ file_id: "p1", file_unique_id: "p1", width: 10, height: 10 }] },
    });
    expect(calls.some((c) => String(c.payload.text).startsWith(listen.ru.crisis.sexual_abuse))).toBe(true);
    expect(calls.find((c) => c.payload.chat_id === STAFF_GROUP)?.payload.text).toContain(staffTexts.signal_sexual_abuse);
  });

  it("a wait for a case code does not swallow a report's words after a tap", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/status");
    await child.send("/report");
    await child.press(report.en.start);
    await child.press(report.en.safe_no);
    await child.press(report.en.continue);
    await child.press(report.en.cat_other);
    await child.send("someone follows me home");
    expect(child.lastBotMessage().text).toBe(report.en.evidence);
  });
});

describe("after the report", () => {
  it("another Telegram account can check the status with the code and add a message", async () => {
    const child = h.user({ id: nextId++, language_code: "kk" });
    const code = await fileReport(child, "kk", "Сыныптастарым мені мазақтайды");
    const other = h.user({ id: nextId++, language_code: "kk" });
    await other.send("/status");
    expect(other.lastBotMessage().text).toBe(followup.kk.ask_code);
    await other.send(code.toLowerCase().replace("-", " "));
    const view = other.lastBotMessage().text!;
    expect(view).toContain(followup.kk.status_NEW);
    expect(view).toContain(`${code.slice(0, 2)}…`);

    await other.press(followup.kk.add);
    const before = staffMessages().length;
    await other.send("Бүгін тағы болды");
    expect(other.lastBotMessage().text).toBe(followup.kk.sent);
    const post = staffMessages().slice(before)[0];
    expect(post?.text).toContain("Бүгін тағы болды");
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" }, include: { messages: true } });
    expect(stored!.messages).toHaveLength(1);
    expect(stored!.messages[0]!.bodySealed).not.toContain("Бүгін");
  });

  it("a wrong code is refused, and guessing is slowed down", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    for (let i = 0; i < 10; i++) {
      await child.send("/status");
      await child.send("ZZZZZ-ZZZZ" + "23456789AB"[i]);
      expect(child.lastBotMessage().text).toBe(followup.en.not_found);
    }
    await child.send("/status");
    await child.send("ZZZZZ-ZZZZZ");
    expect(child.lastBotMessage().text).toBe(followup.en.too_many);
  });

  it("a staff reply reaches the child without content in the notification; opening it shows the text", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await fileReport(child, "en", "A boy takes my lunch every day");
    const post = staffMessages().at(-1)!;
    const staff = h.staff({ id: STAFF_A, first_name: "Aigerim" }, STAFF_GROUP);
    const calls = await staff.send("We hear you. Can you tell us which grade you are in?", { replyTo: post.message_id });
    const note = calls.find((c) => c.payload.chat_id === child.chatId);
    expect(note?.payload.text).toBe(followup.en.new_message);
    expect(String(note?.payload.text)).not.toContain("grade");
    expect(calls.find((c) => c.payload.chat_id === STAFF_GROUP && c.payload.text === staffTexts.reply_sent)).toBeDefined();

    await child.press(followup.en.open);
    const opened = child.lastBotMessage().text!;
    expect(opened).toContain("We hear you. Can you tell us which grade you are in?");
    expect(opened).toContain(followup.en.thread_team);
    expect(opened).not.toContain("Aigerim");
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" }, include: { messages: true } });
    expect(stored).toMatchObject({ status: "IN_PROGRESS" });
    expect(stored!.firstResponseAt).not.toBeNull();
    expect(stored!.messages[0]).toMatchObject({ author: "STAFF" });
    expect(stored!.messages[0]!.readAt).not.toBeNull();
  });

  it("only one of two staff claiming at once gets the case", async () => {
    const child = h.user({ id: nextId++, language_code: "ru" });
    await fileReport(child, "ru", "Меня толкают в коридоре");
    const post = staffMessages().at(-1)!;
    const claim = post.reply_markup!.inline_keyboard.flat().find((b) => b.text === staffTexts.claim)!;
    const a = h.staff({ id: STAFF_A }, STAFF_GROUP);
    const b = h.staff({ id: STAFF_B }, STAFF_GROUP);
    const data = "callback_data" in claim ? claim.callback_data! : "";
    const mark = h.api.calls.length;
    await Promise.all([a.pressData(post.message_id, data), b.pressData(post.message_id, data)]);
    const toasts = h.api
      .callsSince(mark)
      .filter((c) => c.method === "answerCallbackQuery")
      .map((c) => String(c.payload.text));
    expect(toasts.filter((t) => t.startsWith("You claimed"))).toHaveLength(1);
    expect(toasts.filter((t) => t === staffTexts.claim_lost)).toHaveLength(1);
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" }, include: { events: true } });
    expect(stored!.events.filter((e) => e.kind === "claim")).toHaveLength(1);
  });

  it("someone who is not on the staff list cannot act", async () => {
    const post = staffMessages().at(-1)!;
    const stranger = h.staff({ id: 12345 }, STAFF_GROUP);
    const calls = await stranger.pressData(
      post.message_id,
      (post.reply_markup!.inline_keyboard[1]![0]! as { callback_data: string }).callback_data,
    );
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(staffTexts.not_staff);
  });

  it("spam and block: the blocked pseudonym cannot send another report", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await fileReport(child, "en", "lol spam spam");
    const post = staffMessages().at(-1)!;
    const staff = h.staff({ id: STAFF_B }, STAFF_GROUP);
    await staff.pressData(post.message_id, (post.reply_markup!.inline_keyboard[0]![1]! as { callback_data: string }).callback_data);
    const blockButton = h.api.messages(STAFF_GROUP).find((m) => m.message_id === post.message_id)!.reply_markup!.inline_keyboard[0]![0]!;
    expect(blockButton.text).toBe(staffTexts.block);
    await staff.pressData(post.message_id, "callback_data" in blockButton ? blockButton.callback_data! : "");
    expect(await h.db.blockedPseudonym.count()).toBe(1);
    await child.send("/menu");
    await child.press(common.en.menu.report);
    expect(child.lastBotMessage().text).toBe(report.en.blocked);
  });

  it("a blocked sender's messages to an earlier, still open report do not reach the group either", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await fileReport(child, "en", "first report, still open");
    const open = await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
    await fileReport(child, "en", "spam spam spam");
    const spam = await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
    await h.db.blockedPseudonym.create({ data: { pseudonym: spam.reporterPseudonym!, reason: "test", blockedBy: "test" } });
    await child.pressData(child.lastBotMessage().message_id, `fu:add:${open.id}`);
    const calls = await child.send("more and more spam");
    expect(calls.some((c) => c.payload.chat_id === STAFF_GROUP)).toBe(false);
    expect(child.lastBotMessage().text).toBe(report.en.blocked);
    expect(await h.db.reportMessage.count({ where: { reportId: open.id } })).toBe(0);
  });
});

describe("abuse resistance and safety", () => {
  it("limits reports per hour with a kind message", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    for (let i = 0; i < 3; i++) await fileReport(child, "en", `report number ${i}`);
    await child.send("/menu");
    await child.press(common.en.menu.report);
    expect(child.lastBotMessage().text).toBe(report.en.rate_limited);
  });

  it("keeps photos sent at the files step as sealed file ids with their captions, and warns about voice", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/report");
    await child.press(report.en.start);
    await child.press(report.en.safe_no);
    await child.press(report.en.continue);
    await child.press(report.en.cat_online);
    await child.send("he sends me messages");
    const base = h.updates.text(child.profile, "x");
    const { text: _t, ...message } = base.message!;
    const photo = await child.deliver({
      ...base,
      message: {
        ...message,
        caption: "screenshot of his messages",
        photo: [{ file_id: "PHOTO-FILE-1", file_unique_id: "u1", width: 90, height: 90, file_size: 1000 }],
      },
    });
    expect(photo.some((c) => c.payload.text === report.en.evidence_saved_one.replace("{{count}}", "1"))).toBe(true);
    const base2 = h.updates.text(child.profile, "y");
    const { text: _t2, ...message2 } = base2.message!;
    const voice = await child.deliver({
      ...base2,
      message: { ...message2, voice: { file_id: "VOICE-1", file_unique_id: "v1", duration: 3 } },
    });
    expect(voice.some((c) => c.payload.text === report.en.voice_warning)).toBe(true);
    await child.press(report.en.evidence_done);
    await child.press(report.en.contact_no);
    await child.press(report.en.send);
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" } });
    expect(stored!.contentSealed).not.toContain("PHOTO-FILE-1");
    const content = JSON.parse(await createSealer(TEST_APP_SECRET).open(stored!.contentSealed, `report:${stored!.id}`));
    expect(content.attachments).toEqual([
      { kind: "photo", fileId: "PHOTO-FILE-1", caption: "screenshot of his messages" },
      { kind: "voice", fileId: "VOICE-1" },
    ]);
  });

  it("refuses words that are too long and keeps the child on the step", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/report");
    await child.press(report.en.start);
    await child.press(report.en.safe_no);
    await child.press(report.en.continue);
    await child.press(report.en.cat_other);
    await child.send("x".repeat(3001));
    expect(child.lastBotMessage().text).toBe(common.en.errors.tooLong.replace("{{max}}", "3000"));
    await child.send("short");
    expect(child.lastBotMessage().text).toBe(report.en.evidence);
  });

  it("quick exit deletes the chat's recent messages and the draft, and leaves a neutral screen", async () => {
    const child = h.user({ id: nextId++, language_code: "ru" });
    await child.send("/menu");
    await child.press(common.ru.menu.report);
    await child.press(report.ru.start);
    await child.press(report.ru.safe_yes);
    expect(child.chat().length).toBeGreaterThan(0);
    const calls = await child.press(common.ru.nav.quick_exit);
    expect(calls.some((c) => c.method === "deleteMessages")).toBe(true);
    expect(child.chat().map((m) => m.text)).toEqual([common.ru.quick_exit.done]);
    // The draft is gone: starting again begins at the intro.
    await child.send("/menu");
    await child.press(common.ru.menu.report);
    expect(child.lastBotMessage().text).toBe(report.ru.intro);
  });

  it("an unfinished report resumes, and expires after 7 days with a note", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    await child.press(common.en.menu.report);
    await child.press(report.en.start);
    await child.press(report.en.safe_yes);
    await child.send("/menu");
    await child.press(common.en.menu.report);
    expect(child.lastBotMessage().text).toBe(report.en.category);

    const now = Date.now();
    const spy = vi.spyOn(Date, "now").mockReturnValue(now + 8 * 24 * 3600 * 1000);
    try {
      await child.press(report.en.cat_bullying);
      expect(child.chat().some((m) => m.text === report.en.expired)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it("/forget unlinks the child's reports: kept for the ombudsman, no way back to the child", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await fileReport(child, "en", "please forget me after");
    await child.send("/forget");
    await child.press(common.en.forget.yes);
    const stored = await h.db.report.findFirst({ orderBy: { number: "desc" } });
    expect(stored).toMatchObject({ reporterPseudonym: null, contactSealed: null });
    expect(stored!.contentSealed).toMatch(/^v1\./);
  });

  it("restarts in the middle of a report and goes on where the child was", async () => {
    const child = h.user({ id: nextId++, language_code: "kk" });
    await child.send("/menu");
    await child.press(common.kk.menu.report);
    await child.press(report.kk.start);
    await child.press(report.kk.safe_no);
    await child.press(report.kk.continue);
    await child.press(report.kk.cat_neglect);
    const again = h.restart().user(child.profile);
    await again.send("Үйде тамақ жоқ");
    expect(again.lastBotMessage().text).toBe(report.kk.evidence);
  });

  it("handles a redelivered report step once", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    await child.press(common.en.menu.report);
    const update = h.updates.press(child.profile, child.lastBotMessage().message_id, `f:report:intro:0`);
    const first = await child.deliver(update);
    const second = await child.deliver(update);
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual([]);
  });
});

describe("bursts in the staff group", () => {
  afterEach(() => vi.useRealTimers());

  it("past the per-minute budget, waiting non-urgent reports share one digest; none is lost", async () => {
    const burst = await createHarness({
      env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_USER_IDS: String(STAFF_A), STAFF_LANGUAGE: "en", STAFF_POSTS_PER_MINUTE: "3" },
    });
    try {
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
      for (let i = 0; i < 4; i++) {
        const child = burst.user({ id: 8_500_000 + i, language_code: "en" });
        await child.send("/menu");
        await child.press(common.en.menu.report);
        await child.press(report.en.start);
        await child.press(report.en.safe_yes);
        await child.press(report.en.cat_other);
        await child.press(report.en.who_unsaid);
        await child.press(report.en.place_other);
        await child.press(report.en.ongoing_no);
        await child.press(report.en.prefer_not);
        await child.press(report.en.prefer_not);
        await child.press(report.en.skip);
        await child.send(`burst ${i}`);
        await child.press(report.en.evidence_skip);
        await child.press(report.en.contact_no);
        await child.press(report.en.send);
      }
      let posts = burst.api.messages(STAFF_GROUP).filter((m) => m.from === "bot");
      // Two posts of their own, then the minute's last post is a digest; the fourth waits.
      expect(posts).toHaveLength(3);
      expect(posts[2]!.text).toContain("#3");
      expect(posts[2]!.text).not.toContain("#4");
      vi.setSystemTime(Date.now() + 61_000);
      await burst.app.dispatcher.drain();
      posts = burst.api.messages(STAFF_GROUP).filter((m) => m.from === "bot");
      expect(posts).toHaveLength(4);
      expect(posts[3]!.text).toContain("Case #4");
      // A reply to the digest cannot say which child it is for: refused, nothing sent.
      const mark = burst.api.calls.length;
      await burst.staff({ id: STAFF_A }, STAFF_GROUP).send("hello", { replyTo: posts[2]!.message_id });
      const calls = burst.api.callsSince(mark).filter((c) => c.method === "sendMessage");
      expect(calls.map((c) => c.payload.chat_id)).toEqual([STAFF_GROUP]);
      expect(calls[0]!.payload.text).toBe(staffTexts.reply_where);
    } finally {
      await burst.close();
    }
  });

  it("110 reports at once: every one reaches the group exactly once, no digest outgrows a message", async () => {
    const burst = await createHarness({ env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_LANGUAGE: "en", STAFF_POSTS_PER_MINUTE: "15" } });
    try {
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
      for (let n = 1; n <= 110; n++) {
        await burst.app.outbox.enqueue(burst.db, {
          key: `burst:${n}`,
          target: { to: "staff" },
          method: "sendMessage",
          payload: { text: `Case #${n} ${"x".repeat(40)}` },
          digestLine: `• #${n} 🟡 Normal · ${"Someone else / not said · ".repeat(2)}North Kazakhstan region`,
        });
      }
      for (let minute = 0; minute < 6; minute++) {
        await burst.app.dispatcher.drain(50);
        vi.setSystemTime(Date.now() + 61_000);
      }
      const texts = burst.api.messages(STAFF_GROUP).map((m) => m.text ?? "");
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
      for (let n = 1; n <= 110; n++)
        expect(
          texts.filter((t) => new RegExp(`#${n}\\b`).test(t)),
          `report ${n}`,
        ).toHaveLength(1);
      expect(await burst.db.outboxMessage.count({ where: { status: { not: "SENT" } } })).toBe(0);
    } finally {
      await burst.close();
    }
  });
});
