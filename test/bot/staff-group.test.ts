// The staff groups follow the console's rules: a post is a summary unless the ombudsman chose
// `full` (and then each post showing a child's words is logged as a view), the words are read in
// the console, and with a group per region (STAFF_CHATS) each case goes to, and is acted on only
// in, its region's group. Everything goes through the real webhook and the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botInfo, createHarness, type Harness, type TestUser } from "../harness/test-app.ts";
import { ConfigError, createConfig } from "../../src/config.ts";
import { common, followup, report, staffTexts } from "../harness/locales.ts";

const STAFF_A = 9_301;
const PUBLIC_URL = "https://bala.example.kz";
const WORDS = "He takes my phone and hits me after lessons";
const SCHOOL = "School 25";

let nextId = 8_700_000;

type Region = keyof typeof report.en.regions;

/** The whole report flow in English; `region` undefined answers "prefer not to say". Returns the stored report. */
async function fileReport(h: Harness, child: TestUser, region: Region | undefined, words = WORDS) {
  const r = report.en;
  await child.send("/menu");
  await child.press(common.en.menu.report);
  await child.press(r.start);
  await child.press(r.safe_yes);
  await child.press(r.cat_bullying);
  await child.press(r.who_child);
  await child.press(r.place_school);
  await child.press(r.ongoing_yes);
  await child.press(region ? r.regions[region] : r.prefer_not);
  await child.press(r.age_13_15);
  await child.send(SCHOOL);
  await child.send(words);
  await child.press(r.evidence_done);
  await child.press(r.contact_yes);
  await child.press(r.send);
  return h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
}

/** The child adds a message to their open report from their own chat. */
async function addMessage(child: TestUser, reportId: string, text: string) {
  await child.pressData(child.lastBotMessage().message_id, `fu:add:${reportId}`);
  await child.send(text);
  expect(child.lastBotMessage().text).toBe(followup.en.sent);
}

const botPosts = (h: Harness, chat: number) => h.api.messages(chat).filter((m) => m.from === "bot" && !m.deleted);
const postOf = (h: Harness, chat: number, messageId: number | null) => botPosts(h, chat).find((m) => m.message_id === messageId);
const buttonsOf = (m: { reply_markup?: { inline_keyboard: unknown[][] } } | undefined) =>
  (m?.reply_markup?.inline_keyboard.flat() ?? []) as { text: string; url?: string; callback_data?: string }[];

describe("summary mode (the default)", () => {
  const GROUP = -100_777_000_1;
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ env: { STAFF_CHAT_ID: String(GROUP), STAFF_USER_IDS: String(STAFF_A), STAFF_LANGUAGE: "en", PUBLIC_URL } });
  });
  afterAll(() => h.close());

  it("posts the case number, priority, category, region, age and due time: never the words, the school or the code", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const stored = await fileReport(h, child, "almaty");
    const post = postOf(h, GROUP, stored.staffMessageId)!;
    expect(post).toBeDefined();
    const text = post.text!;
    expect(text).toContain(`Case #${stored.number}`);
    expect(text).toContain(staffTexts[`badge_${stored.priority}`]);
    // "hits me": flagged, and the flag is shown (never the words that raised it).
    expect(text).toContain(`${staffTexts.label_flags}:</b> ${staffTexts.signal_violence}`);
    expect(text).toContain(report.en.cat_bullying);
    expect(text).toContain(report.en.regions.almaty);
    // In the staff's time zone (CONSOLE_TIME_ZONE, Asia/Almaty by default: UTC+5), offset written out.
    const almatyDue = new Date(stored.slaDueAt.getTime() + 5 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
    expect(text).toContain(`${staffTexts.label_due}:</b> ${almatyDue} (UTC+5)`);
    expect(text).toContain(staffTexts.in_console.replace("{{number}}", String(stored.number)));
    expect(text).not.toContain("takes my phone");
    expect(text).not.toContain(SCHOOL);
    expect(text).not.toContain(staffTexts.label_school);
    expect(text).not.toContain(`code ${stored.codeHint}`);
    // "Show the text" opens the case in the console, which checks the region and logs the view.
    const show = buttonsOf(post).find((b) => b.text === staffTexts.show_text);
    expect(show?.url).toBe(`${PUBLIC_URL}/console/reports/${stored.number}`);
    expect(buttonsOf(post).map((b) => b.text)).toContain(staffTexts.claim);
    expect(await h.db.auditEntry.count({ where: { action: "group.post_full" } })).toBe(0);
  });

  it("a claim redraws the summary, still without the words", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const stored = await fileReport(h, child, "astana");
    const staff = h.staff({ id: STAFF_A, first_name: "Aigerim" }, GROUP);
    await staff.pressData(stored.staffMessageId!, `st:claim:${stored.number}`);
    const post = postOf(h, GROUP, stored.staffMessageId)!;
    expect(post.edited).toBe(true);
    expect(post.text).toContain("Aigerim");
    expect(post.text).not.toContain("takes my phone");
    expect(buttonsOf(post).some((b) => b.url?.endsWith(`/console/reports/${stored.number}`))).toBe(true);
  });

  it("a follow-up says only that the child wrote; replying to the post or the follow-up still reaches the child", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const stored = await fileReport(h, child, "almaty");
    const staff = h.staff({ id: STAFF_A }, GROUP);
    const first = await staff.send("We read your report. Are you safe today?", { replyTo: stored.staffMessageId! });
    expect(first.some((c) => c.payload.chat_id === child.chatId && c.payload.text === followup.en.new_message)).toBe(true);

    const before = botPosts(h, GROUP).length;
    await addMessage(child, stored.id, "He did it again today near the gym");
    const posts = botPosts(h, GROUP).slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain(`#${stored.number}`);
    expect(posts[0]!.text).not.toContain("near the gym");
    expect(posts[0]!.reply_to_message_id).toBe(stored.staffMessageId);
    expect(buttonsOf(posts[0]).find((b) => b.text === staffTexts.show_text)?.url).toBe(`${PUBLIC_URL}/console/reports/${stored.number}`);

    const calls = await staff.send("Thank you for telling us.", { replyTo: posts[0]!.message_id });
    expect(calls.some((c) => c.payload.chat_id === child.chatId)).toBe(true);
    expect(calls.some((c) => c.payload.chat_id === GROUP && c.payload.text === staffTexts.reply_sent)).toBe(true);
    expect(await h.db.auditEntry.count({ where: { action: "group.post_full" } })).toBe(0);
  });
});

describe("summary mode without PUBLIC_URL", () => {
  it("says the words are in the console, with no link to a console that has no address", async () => {
    const GROUP = -100_777_000_2;
    const h = await createHarness({ env: { STAFF_CHAT_ID: String(GROUP), STAFF_LANGUAGE: "en" } });
    try {
      const stored = await fileReport(h, h.user({ id: nextId++, language_code: "en" }), "almaty");
      const post = postOf(h, GROUP, stored.staffMessageId)!;
      expect(post.text).toContain(staffTexts.in_console.replace("{{number}}", String(stored.number)));
      expect(post.text).not.toContain("takes my phone");
      expect(buttonsOf(post).some((b) => b.url)).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe("full mode (the ombudsman's choice)", () => {
  const GROUP = -100_777_000_3;
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      env: { STAFF_CHAT_ID: String(GROUP), STAFF_USER_IDS: String(STAFF_A), STAFF_LANGUAGE: "en", STAFF_GROUP_DETAIL: "full" },
    });
  });
  afterAll(() => h.close());

  it("posts the words and the school, and logs each such post as a view by the group", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const stored = await fileReport(h, child, "almaty");
    const post = postOf(h, GROUP, stored.staffMessageId)!;
    expect(post.text).toContain(WORDS);
    expect(post.text).toContain(SCHOOL);
    const logged = await h.db.auditEntry.findMany({ where: { action: "group.post_full" } });
    expect(logged.map((e) => [e.actor, e.target])).toEqual([["bot", String(stored.number)]]);

    await addMessage(child, stored.id, "He did it again today near the gym");
    expect(botPosts(h, GROUP).at(-1)!.text).toContain("near the gym");
    expect(await h.db.auditEntry.count({ where: { action: "group.post_full", target: String(stored.number) } })).toBe(2);

    // Replies keep working.
    const calls = await h.staff({ id: STAFF_A }, GROUP).send("We hear you.", { replyTo: stored.staffMessageId! });
    expect(calls.some((c) => c.payload.chat_id === child.chatId)).toBe(true);
  });
});

describe("a group per region (STAFF_CHATS)", () => {
  const ALMATY = -100_111_000_1;
  const ASTANA = -100_222_000_1;
  const OTHERS = -100_333_000_1;
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      env: {
        STAFF_CHATS: `almaty=${ALMATY}, astana=${ASTANA}, *=${OTHERS}`,
        STAFF_USER_IDS: String(STAFF_A),
        STAFF_LANGUAGE: "en",
        PUBLIC_URL,
      },
    });
  });
  afterAll(() => h.close());

  it("an Almaty report goes to the Almaty group only; a region without a group and no region go to *", async () => {
    const almaty = await fileReport(h, h.user({ id: nextId++, language_code: "en" }), "almaty");
    expect(postOf(h, ALMATY, almaty.staffMessageId)?.text).toContain(`Case #${almaty.number}`);
    for (const chat of [ASTANA, OTHERS]) expect(botPosts(h, chat).some((m) => m.text?.includes(`#${almaty.number}`))).toBe(false);

    const shymkent = await fileReport(h, h.user({ id: nextId++, language_code: "en" }), "shymkent");
    expect(postOf(h, OTHERS, shymkent.staffMessageId)?.text).toContain(`Case #${shymkent.number}`);
    const unsaid = await fileReport(h, h.user({ id: nextId++, language_code: "en" }), undefined);
    expect(unsaid.region).toBeNull();
    expect(postOf(h, OTHERS, unsaid.staffMessageId)?.text).toContain(`Case #${unsaid.number}`);
    for (const chat of [ALMATY, ASTANA])
      expect(botPosts(h, chat).some((m) => m.text?.includes(`#${shymkent.number}`) || m.text?.includes(`#${unsaid.number}`))).toBe(false);
    const rows = await h.db.outboxMessage.findMany({
      where: { key: { in: [`report-post:${almaty.id}`, `report-post:${shymkent.id}`] } },
      select: { key: true, target: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.key, r.target]))).toEqual({
      [`report-post:${almaty.id}`]: "staff:almaty",
      [`report-post:${shymkent.id}`]: "staff",
    });
  });

  it("an alert (a signal has no region) goes to *", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    const calls = await child.send("i want to die");
    const alerts = calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id !== child.chatId);
    expect(alerts.map((c) => c.payload.chat_id)).toEqual([OTHERS]);
    expect(alerts[0]!.payload.text).toContain(staffTexts.signal_suicide);
  });

  it("a follow-up goes to the case's group, under its post, without the words", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const stored = await fileReport(h, child, "astana");
    const mark = h.api.calls.length;
    await addMessage(child, stored.id, "It happened again at the bus stop");
    const posts = h.api.callsSince(mark).filter((c) => c.method === "sendMessage" && c.payload.chat_id !== child.chatId);
    expect(posts.map((c) => c.payload.chat_id)).toEqual([ASTANA]);
    expect(String(posts[0]!.payload.text)).not.toContain("bus stop");
    expect(posts[0]!.payload.reply_parameters).toMatchObject({ message_id: stored.staffMessageId });
  });

  it("a button pressed in another region's group is refused and changes nothing; the case's own group may act", async () => {
    const stored = await fileReport(h, h.user({ id: nextId++, language_code: "en" }), "almaty");
    const inAstana = h.staff({ id: STAFF_A }, ASTANA);
    for (const data of [`st:claim:${stored.number}`, `st:prio:${stored.number}:LOW`, `st:spam:${stored.number}`]) {
      const calls = await inAstana.pressData(stored.staffMessageId!, data);
      const toast = calls.find((c) => c.method === "answerCallbackQuery");
      expect(toast?.payload).toMatchObject({ text: staffTexts.other_group.replace("{{number}}", String(stored.number)), show_alert: true });
      expect(calls.some((c) => c.method === "editMessageText")).toBe(false);
    }
    // The default group does not own a region that has a group of its own either.
    const inOthers = await h.staff({ id: STAFF_A }, OTHERS).pressData(stored.staffMessageId!, `st:claim:${stored.number}`);
    expect(inOthers.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(
      staffTexts.other_group.replace("{{number}}", String(stored.number)),
    );
    expect(await h.db.report.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      assignee: null,
      priority: stored.priority,
      status: "NEW",
    });

    const calls = await h.staff({ id: STAFF_A, first_name: "Dana" }, ALMATY).pressData(stored.staffMessageId!, `st:claim:${stored.number}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(`You claimed case #${stored.number}.`);
    expect(calls.find((c) => c.method === "editMessageText")?.payload.chat_id).toBe(ALMATY);
  });

  it("a reply in another region's group to a case's post is refused and nothing reaches the child", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const stored = await fileReport(h, child, "almaty");
    const post = postOf(h, ALMATY, stored.staffMessageId)!;
    const staff = h.staff({ id: STAFF_A }, ASTANA);
    // As Telegram would deliver it had the post been in the Astana group (e.g. after STAFF_CHATS changed).
    const update = h.updates.text(staff.profile, "Hello from Astana", { chatId: ASTANA });
    const message = {
      ...update.message!,
      reply_to_message: {
        message_id: post.message_id,
        date: post.date,
        chat: update.message!.chat,
        from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name },
        text: post.text ?? "",
      },
    };
    const calls = await staff.deliver({ ...update, message });
    expect(calls.some((c) => c.payload.chat_id === child.chatId)).toBe(false);
    expect(calls.find((c) => c.payload.chat_id === ASTANA)?.payload.text).toBe(
      staffTexts.other_group.replace("{{number}}", String(stored.number)),
    );
    expect(await h.db.reportMessage.count({ where: { reportId: stored.id } })).toBe(0);

    const ok = await h.staff({ id: STAFF_A }, ALMATY).send("Hello from Almaty", { replyTo: post.message_id });
    expect(ok.some((c) => c.payload.chat_id === child.chatId)).toBe(true);
  });

  it("a retention redaction edits the post in the case's group", async () => {
    const stored = await fileReport(h, h.user({ id: nextId++, language_code: "en" }), "astana");
    await h.db.report.update({ where: { id: stored.id }, data: { status: "CLOSED", closedAt: new Date() } });
    await h.app.retention(new Date(Date.now() + 91 * 24 * 3600 * 1000));
    await h.app.dispatcher.drain();
    const post = postOf(h, ASTANA, stored.staffMessageId)!;
    expect(post.text).toBe(staffTexts.redacted.replace("{{number}}", String(stored.number)));
  });

  it("the per-minute budget is counted per group: a busy group's digest does not hold back another", async () => {
    const budget = await createHarness({
      env: { STAFF_CHATS: `almaty=${ALMATY},*=${OTHERS}`, STAFF_LANGUAGE: "en", STAFF_POSTS_PER_MINUTE: "2" },
    });
    try {
      for (const chat of ["almaty", undefined]) {
        for (let n = 1; n <= 3; n++) {
          await budget.app.outbox.enqueue(budget.db, {
            key: `budget:${chat ?? "*"}:${n}`,
            target: { to: "staff", ...(chat ? { chat } : {}) },
            method: "sendMessage",
            payload: { text: `Post ${chat ?? "*"} ${n}` },
            digestLine: `• line ${chat ?? "*"} ${n}`,
          });
        }
      }
      await budget.app.dispatcher.drain();
      for (const [chat, name] of [
        [ALMATY, "almaty"],
        [OTHERS, "*"],
      ] as const) {
        const texts = budget.api.messages(chat).map((m) => m.text ?? "");
        // Two posts each (one of its own, then the digest of the other two), and only its own rows.
        expect(texts, name).toHaveLength(2);
        expect(texts[0]).toBe(`Post ${name} 1`);
        expect(texts[1]).toContain(`line ${name} 2`);
        expect(texts[1]).toContain(`line ${name} 3`);
        expect(texts.join("\n")).not.toContain(name === "*" ? "almaty" : "line *");
      }
      expect(await budget.db.outboxMessage.count({ where: { status: { not: "SENT" } } })).toBe(0);
    } finally {
      await budget.close();
    }
  });
});

describe("configuration", () => {
  const base = { NODE_ENV: "test", APP_SECRET: "3f9c1a7e5b2d8f4c6a0e9b7d1c3f5a7e", SIMULATOR: "off" };
  const problems = (env: Record<string, string>): string[] => {
    try {
      createConfig({ ...base, ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("defaults to a summary, one group from STAFF_CHAT_ID", () => {
    const config = createConfig({ ...base, STAFF_CHAT_ID: "-100123" });
    expect(config).toMatchObject({ staffGroupDetail: "summary", staffChatId: "-100123", staffChats: {} });
  });

  it("reads STAFF_CHATS, whose * is the default group", () => {
    const config = createConfig({ ...base, STAFF_CHATS: " almaty=-100111 , astana=-100222,*=-100333 ", STAFF_GROUP_DETAIL: "full" });
    expect(config).toMatchObject({
      staffGroupDetail: "full",
      staffChatId: "-100333",
      staffChats: { almaty: "-100111", astana: "-100222", "*": "-100333" },
    });
    // STAFF_CHAT_ID may stand for * (or say the same thing).
    expect(createConfig({ ...base, STAFF_CHATS: "almaty=-100111", STAFF_CHAT_ID: "-100333" }).staffChatId).toBe("-100333");
    expect(problems({ STAFF_CHATS: "almaty=-100111,*=-100333", STAFF_CHAT_ID: "-100333" })).toEqual([]);
  });

  it("reports every mistake clearly, naming the entry", () => {
    const found = problems({
      STAFF_CHATS: "almati=-100111,astana=group,shymkent,almaty=-1,almaty=-2,*=-100333",
      STAFF_GROUP_DETAIL: "partial",
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^STAFF_GROUP_DETAIL must be summary .* or full/),
        expect.stringMatching(/STAFF_CHATS entry "almati=-100111": unknown region "almati"; use \* or one of .*almaty/),
        expect.stringContaining(`STAFF_CHATS entry "astana=group": "group" must be a Telegram chat id`),
        expect.stringContaining(`STAFF_CHATS entry "shymkent" must look like region=chat id`),
        "STAFF_CHATS names almaty twice",
      ]),
    );
    expect(found).toHaveLength(5);
    expect(problems({ STAFF_CHATS: "almaty=-100111" })).toEqual([
      expect.stringContaining("STAFF_CHATS needs a default group, *=<chat id> (or STAFF_CHAT_ID)"),
    ]);
    expect(problems({ STAFF_CHATS: "*=-100333", STAFF_CHAT_ID: "-100444" })).toEqual([
      expect.stringContaining("STAFF_CHAT_ID (-100444) and STAFF_CHATS' * (-100333) disagree"),
    ]);
  });
});
