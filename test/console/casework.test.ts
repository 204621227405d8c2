// Casework that protects the child, over HTTP with real reports filed through the webhook:
// closing over the child's unanswered message asks the server for a confirmation; a closed case
// tells the child kindly in their language (through the outbox, a notification without content);
// a referral is a status change with a note and a confirmation; and the console shows words, not
// codes (categories, reasons, events, audit actions, directory entries), in kk, ru and en.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TestUser } from "../harness/test-app.ts";
import type { ConsoleClient } from "../harness/console-client.ts";
import { fileReport } from "../harness/report-flow.ts";
import { common, followup, report } from "../harness/locales.ts";
import { signInFully } from "./staff-sign-in.ts";
import manageRu from "../../locales/ru/manage.json" with { type: "json" };
import manageKk from "../../locales/kk/manage.json" with { type: "json" };
import manageEn from "../../locales/en/manage.json" with { type: "json" };
import consoleRu from "../../locales/ru/console.json" with { type: "json" };
import staffRu from "../../locales/ru/staff.json" with { type: "json" };
import rightsRu from "../../locales/ru/rights.json" with { type: "json" };

const STAFF_GROUP = -100_777_000_1;
const PASSWORD = "correct horse battery 42";
let h: Harness;
let ru: { child: TestUser; number: number };
let kk: { child: TestUser; number: number };

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
const stored = (number: number) =>
  h.db.report.findUniqueOrThrow({
    where: { number },
    include: { messages: { orderBy: { createdAt: "asc" } }, events: true, notes: true, referrals: true },
  });
const supervisor = () => signInFully(h, "lead@ombudsman.kz", PASSWORD);
/** The console in another language (the language switch is a cookie). */
const inLanguage = (c: ConsoleClient, lang: "kk" | "ru" | "en") => {
  c.cookie = `${c.cookie.split(";")[0]}; bala_console_lang=${lang}`;
  return c;
};

/** The child adds words to their report's thread, as in My reports → Add a message. */
async function childWrites(child: TestUser, number: number, words: string): Promise<void> {
  const r = await h.db.report.findUniqueOrThrow({ where: { number } });
  await child.pressData(child.lastBotMessage().message_id, `fu:add:${r.id}`);
  await child.send(words);
}

beforeAll(async () => {
  h = await createHarness({ env: { STAFF_CHAT_ID: String(STAFF_GROUP) } });
  await h.app.accounts.create({ email: "lead@ombudsman.kz", password: PASSWORD, role: "SUPERVISOR" });
  await h.app.accounts.create({ email: "admin@ombudsman.kz", password: PASSWORD, role: "ADMIN" });
  const a = h.user({ id: 6_100_001, language_code: "ru" });
  await fileReport(a, "ru", { region: "almaty", words: "В классе меня толкают и забирают телефон" });
  const k = h.user({ id: 6_100_002, language_code: "kk" });
  await fileReport(k, "kk", { unsafe: true, words: "Үйде өгей әкем ұрады" });
  const [first, second] = await h.db.report.findMany({ orderBy: { number: "asc" } });
  ru = { child: a, number: first!.number };
  kk = { child: k, number: second!.number };
}, 180_000);
afterAll(() => h.close());

describe("closing a case", () => {
  it("over the child's unanswered message: the server asks to confirm, and nothing changes until then", async () => {
    await childWrites(ru.child, ru.number, "Сегодня опять толкнули у раздевалки");
    const c = await supervisor();
    await c.get(`/console/reports/${ru.number}`);
    expect(c.lastHtml).toContain('id="unanswered-warning"');
    expect(c.lastHtml).toContain(manageRu.close_unanswered_warning);

    const asked = await c.post(`/console/reports/${ru.number}/status`, { status: "CLOSED", note: "Решено со школой" });
    expect(asked.status).toBe(409);
    expect(c.lastHtml).toContain(fill(manageRu.close_confirm_title, { number: ru.number }));
    // The typed note is carried to the confirmation, not lost.
    expect(c.lastHtml).toContain('name="note" value="Решено со школой"');
    const before = await stored(ru.number);
    expect(before.status).not.toBe("CLOSED");
    expect(before.messages.map((m) => m.author)).toEqual(["CHILD"]);
    expect(await h.db.auditEntry.count({ where: { action: "case.close_confirm_asked", target: String(ru.number) } })).toBe(1);

    // Confirmed: closed, with the note, and the child told.
    const done = await c.post(`/console/reports/${ru.number}/status`, {
      status: "CLOSED",
      note: "Решено со школой",
      confirm_unanswered: "1",
    });
    expect(done.headers.get("location")).toBe(`/console/reports/${ru.number}?flash=closed_told`);
    const after = await stored(ru.number);
    expect(after.status).toBe("CLOSED");
    expect(after.notes).toHaveLength(1);
    expect(after.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["status", "note", "closing_message"]));
    const entry = await h.db.auditEntry.findFirstOrThrow({ where: { action: "case.status", target: String(ru.number) } });
    expect(entry.detail).toMatchObject({ to: "CLOSED", unanswered: true });
  });

  it("the child is told in kind words, in their language, through a notification without content", async () => {
    await h.app.dispatcher.drain();
    const r = await stored(ru.number);
    const closing = r.messages.at(-1)!;
    expect(closing.author).toBe("STAFF");
    // Sealed like every message: the words are not in the database in clear.
    expect(closing.bodySealed).not.toContain("150");
    const outbox = await h.db.outboxMessage.findUniqueOrThrow({ where: { key: `notify:${closing.id}` } });
    expect(outbox.status).toBe("SENT");
    const notice = ru.child.lastBotMessage();
    expect(notice.text).toBe(followup.ru.new_message);
    expect(notice.text).not.toContain("150");

    await ru.child.press(followup.ru.open);
    const shown = ru.child.lastBotMessage().text ?? "";
    expect(shown).toContain(followup.ru.status_CLOSED);
    // The kind words, with what the child can still do: a new report (the menu's own label), 150, 112.
    const words = fill(followup.ru.case_closed, { report: common.ru.menu.report });
    expect(shown).toContain(words.split("\n")[0]);
    expect(shown).toContain(`«${common.ru.menu.report}»`);
    expect(shown).toMatch(/150[\s\S]*112/);
    // A closed case takes no more messages: the screen offers no "Add a message".
    expect(ru.child.buttons()).not.toContain(followup.ru.add);
  });

  it("in Kazakh for a Kazakh-speaking child; a case the child did not write in since closes without asking", async () => {
    const c = await supervisor();
    const mark = h.api.calls.length;
    const res = await c.post(`/console/reports/${kk.number}/status`, { status: "CLOSED", note: "Полицияға хабарланды" });
    expect(res.status).toBe(302);
    await h.app.dispatcher.drain();
    const sent = h.api.callsSince(mark).filter((x) => x.method === "sendMessage" && x.payload.chat_id === kk.child.chatId);
    expect(sent.map((x) => x.payload.text)).toEqual([followup.kk.new_message]);
    await kk.child.press(followup.kk.open);
    expect(kk.child.lastBotMessage().text).toContain(fill(followup.kk.case_closed, { report: common.kk.menu.report }).split("\n")[0]);

    // Closing again (or from spam) does not tell the child twice.
    await c.post(`/console/reports/${kk.number}/status`, { status: "CLOSED", note: "Ещё раз" });
    expect((await stored(kk.number)).messages.filter((m) => m.author === "STAFF")).toHaveLength(1);
  });

  it("after the team answered, closing needs no confirmation", async () => {
    const child = h.user({ id: 6_100_003, language_code: "en" });
    await fileReport(child, "en", { region: "almaty", words: "They push me at school" });
    const number = (await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } })).number;
    await childWrites(child, number, "It happened again today");
    const c = await supervisor();
    await c.post(`/console/reports/${number}/reply`, { text: "Thank you for telling us. We are talking to your school." });
    await c.get(`/console/reports/${number}`);
    expect(c.lastHtml).not.toContain('id="unanswered-warning"');
    expect((await c.post(`/console/reports/${number}/status`, { status: "CLOSED", note: "School acted" })).status).toBe(302);
    expect((await stored(number)).status).toBe("CLOSED");
  });
});

describe("referral", () => {
  it("is a status change with a required note and a confirmation, recorded in words", async () => {
    const child = h.user({ id: 6_100_004, language_code: "ru" });
    await fileReport(child, "ru", { region: "almaty" });
    const number = (await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } })).number;
    const c = await supervisor();
    await c.get(`/console/reports/${number}`);
    expect(c.lastHtml).toContain(manageRu.refer_do);
    expect(
      (await c.post(`/console/reports/${number}/refer`, { agency: "guardianship", note: "", confirm: "1" })).headers.get("location"),
    ).toContain("flash=note_required");
    expect(
      (await c.post(`/console/reports/${number}/refer`, { agency: "guardianship", note: "Позвонили в отдел опеки" })).headers.get(
        "location",
      ),
    ).toContain("flash=refer_confirm_required");
    expect((await stored(number)).referrals).toEqual([]);

    const res = await c.post(`/console/reports/${number}/refer`, { agency: "guardianship", note: "Позвонили в отдел опеки", confirm: "1" });
    expect(res.headers.get("location")).toBe(`/console/reports/${number}?flash=referred`);
    const r = await stored(number);
    expect(r.status).toBe("REFERRED");
    expect(r.referrals.map((x) => x.agency)).toEqual(["guardianship"]);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]!.bodySealed).not.toContain("опеки");
    expect(r.events.find((e) => e.kind === "status")?.data).toEqual({ from: "NEW", to: "REFERRED" });
    expect(
      (
        await h.db.auditEntry.findFirstOrThrow({
          where: { action: "case.refer", target: String(number), detail: { path: ["result"], equals: "referred" } },
        })
      ).detail,
    ).toMatchObject({ agency: "guardianship" });

    await c.get(`/console/reports/${number}?flash=referred`);
    expect(c.lastHtml).toContain(manageRu.referred);
    // The history in words: "Status changed: New → Referred", "Referred: Guardianship authority".
    expect(c.lastHtml).toContain(`${manageRu.event_status}: ${consoleRu.status_NEW} → ${consoleRu.status_REFERRED}`);
    expect(c.lastHtml).toContain(`${manageRu.event_referral}: ${consoleRu.agency_guardianship}`);
    // Each form's button says what it does.
    for (const label of [manageRu.assign_save, manageRu.priority_save, manageRu.status_save, manageRu.refer_do])
      expect(c.lastHtml).toContain(label);
    expect(c.lastHtml).not.toContain(`>${consoleRu.save}<`);
  });
});

describe("words, not codes", () => {
  it("categories and reasons in the queue, the case page and the staff group's post", async () => {
    const c = await supervisor();
    const queue = await (await c.get("/console?status=CLOSED")).text();
    expect(queue).toContain(report.ru.cat_physical);
    expect(queue).toContain(staffRu.reason_category_physical);
    expect(queue).not.toMatch(/category:|reason_category|risk:/);
    const page = await (await c.get(`/console/reports/${kk.number}`)).text();
    expect(page).toContain(staffRu.reason_not_safe_now);
    expect(page).toContain(staffRu.reason_category_physical);
    // Case events and who did them, in words (the Russian-speaking child's case had a follow-up post).
    const history = await (await c.get(`/console/reports/${ru.number}`)).text();
    for (const text of [page, history]) {
      expect(text).toContain(manageRu.event_created);
      expect(text).toContain(`${manageRu.event_closing_message} · `);
      expect(text).not.toMatch(/<\/span> (staff_post|created|closing_message|message|status)\b/);
      expect(text).not.toMatch(/· (bot|child|system)</);
    }
    expect(history).toContain(`${manageRu.event_staff_post} · ${manageRu.actor_bot}`);
    expect(history).toContain(`${manageRu.event_message} · ${manageRu.actor_child}`);

    const post = h.api.messages(STAFF_GROUP).find((m) => m.text?.includes(`#${kk.number}`) || m.text?.includes(`№${kk.number}`));
    expect(post?.text).toContain(staffRu.reason_category_physical);
    expect(post?.text).not.toMatch(/reason_category|category:|risk:/);
  });

  it("audit actions in kk, ru and en; the directory's texts rendered, with region names", async () => {
    const c = await signInFully(h, "admin@ombudsman.kz", PASSWORD);
    for (const [lang, words] of [
      ["kk", manageKk],
      ["ru", manageRu],
      ["en", manageEn],
    ] as const) {
      const audit = await (await inLanguage(c, lang).get("/console/audit")).text();
      for (const action of ["audit_case_view", "audit_case_status", "audit_case_refer", "audit_signin_totp"] as const)
        expect(audit, `${lang} ${action}`).toContain(words[action]);
    }
    inLanguage(c, "ru");
    const directory = await (await c.get("/console/directory")).text();
    expect(directory).toContain("<strong>150</strong>");
    expect(directory).not.toMatch(/&lt;\/?b&gt;/);
    expect(directory).toContain(rightsRu.ui.dir.helpline_150.replace(/<(\/?)b>/g, "<$1strong>"));
    expect(directory).toContain(`<td>${report.ru.regions.north_kazakhstan}</td>`);
    expect(directory).toContain(`<td>${manageRu.region_national}</td>`);
    expect(directory).not.toMatch(/<td>(north_kazakhstan|national|every)<\/td>/);
  });
});
