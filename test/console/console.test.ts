// The ombudsman console over HTTP: sign-in, lockout, CSRF, session expiry, access by region,
// the audit log, replies reaching the child, statuses, the staff group in sync, retention.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { fileReport } from "../harness/report-flow.ts";
import { followup } from "../harness/locales.ts";
import consoleRu from "../../locales/ru/console.json" with { type: "json" };
import { secondFactor, setupFields, signInFully } from "./staff-sign-in.ts";

const STAFF_GROUP = -100_888_000_1;
const PASSWORD = "correct horse battery 42";
let h: Harness;
let almaty: number;
let astana: number;
let childChat: number;

beforeAll(async () => {
  h = await createHarness({ env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_USER_IDS: "9200" } });
  await h.app.accounts.create({ email: "op.almaty@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
  await h.app.accounts.create({ email: "supervisor@ombudsman.kz", password: PASSWORD, role: "SUPERVISOR" });
  const a = h.user({ id: 4_100_001, language_code: "ru" });
  childChat = a.chatId;
  await fileReport(a, "ru", { region: "almaty", words: "В школе меня толкают и обзывают" });
  await fileReport(h.user({ id: 4_100_002, language_code: "kk" }), "kk", { region: "astana" });
  const rows = await h.db.report.findMany({ orderBy: { number: "asc" } });
  almaty = rows[0]!.number;
  astana = rows[1]!.number;
});
afterAll(() => h.close());

// Password, then the second factor every role has (set up on the first sign-in).
const operator = (): Promise<ConsoleClient> => signInFully(h, "op.almaty@ombudsman.kz", PASSWORD);

describe("sign-in", () => {
  it("signs in with email and password; the cookie is httpOnly and SameSite=Strict; pages are not cached", async () => {
    const c = new ConsoleClient(h.app.http);
    const res = await c.signIn("OP.Almaty@ombudsman.kz", PASSWORD);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/console/totp");
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Strict/);
    await secondFactor(h, c, "op.almaty@ombudsman.kz");
    const queue = await c.get("/console");
    expect(queue.status).toBe(200);
    expect(queue.headers.get("cache-control")).toBe("no-store");
    expect(queue.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("refuses a wrong password; after 5 failures the next attempt must wait (no hard lock)", async () => {
    await h.app.accounts.create({ email: "lock@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
    const c = new ConsoleClient(h.app.http);
    for (let i = 0; i < 5; i++) expect((await c.signIn("lock@ombudsman.kz", "wrong password!!")).status).toBe(401);
    const right = await c.signIn("lock@ombudsman.kz", PASSWORD);
    expect(right.status).toBe(401);
    expect(await right.text()).toContain(consoleRu.login_failed);
    expect(await h.db.auditEntry.count({ where: { action: "signin.throttled" } })).toBeGreaterThanOrEqual(1);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 6_000);
      expect((await c.signIn("lock@ombudsman.kz", PASSWORD)).headers.get("location")).toBe("/console/totp");
    } finally {
      vi.useRealTimers();
    }
  });

  it("redirects to sign-in without a session, and ends the session after 30 idle minutes", async () => {
    const anonymous = new ConsoleClient(h.app.http);
    expect((await anonymous.get("/console")).headers.get("location")).toBe("/console/login");
    const c = await operator();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 31 * 60 * 1000);
      expect((await c.get("/console")).headers.get("location")).toBe("/console/login");
    } finally {
      vi.useRealTimers();
    }
  });

  it("requires a second factor for admins: set up at first sign-in, asked at every sign-in", async () => {
    await h.app.accounts.create({ email: "admin@ombudsman.kz", password: PASSWORD, role: "ADMIN" });
    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn("admin@ombudsman.kz", PASSWORD)).headers.get("location")).toBe("/console/totp");
    expect((await c.get("/console")).headers.get("location")).toBe("/console/totp");
    await c.get("/console/totp");
    const first = setupFields(c.lastHtml);
    // A wrong code shows the setup again, with a new secret.
    expect((await c.post("/console/totp/setup", { pending: first.pending, code: "000000" })).status).toBe(400);
    const second = setupFields(c.lastHtml);
    expect(second.secret).not.toBe(first.secret);
    const ok = await c.post("/console/totp/setup", {
      pending: second.pending,
      code: h.app.accounts.codeFor(second.secret, "admin@ombudsman.kz"),
    });
    expect(ok.status).toBe(200);
    expect(c.lastHtml).toContain('id="recovery-codes"');
    expect((await c.get("/console/audit")).status).toBe(200);

    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // The next code (the one used at setup cannot be used again).
      vi.setSystemTime(Date.now() + 30_000);
      const again = new ConsoleClient(h.app.http);
      expect((await again.signIn("admin@ombudsman.kz", PASSWORD)).headers.get("location")).toBe("/console/totp");
      await again.get("/console/totp");
      expect((await again.post("/console/totp", { code: "123456" })).status).toBe(401);
      expect(
        (await again.post("/console/totp", { code: h.app.accounts.codeFor(second.secret, "admin@ombudsman.kz") })).headers.get("location"),
      ).toBe("/console");
    } finally {
      vi.useRealTimers();
    }
  });

  it("after 5 wrong second-factor codes ends the half-signed-in session and makes the password wait", async () => {
    const c = new ConsoleClient(h.app.http);
    await c.signIn("admin@ombudsman.kz", PASSWORD);
    await c.get("/console/totp");
    for (let i = 0; i < 4; i++) expect((await c.post("/console/totp", { code: "000000" })).status).toBe(401);
    expect((await c.post("/console/totp", { code: "000000" })).headers.get("location")).toBe("/console/login");
    expect((await c.signIn("admin@ombudsman.kz", PASSWORD)).status).toBe(401);
    await h.db.signInThrottle.deleteMany();
  });

  it("disabling a person ends their sessions at once", async () => {
    const c = await operator();
    const account = await h.db.staffAccount.findUnique({ where: { email: "op.almaty@ombudsman.kz" } });
    await h.app.accounts.setActive(account!.id, false);
    expect((await c.get("/console")).headers.get("location")).toBe("/console/login");
    await h.app.accounts.setActive(account!.id, true);
  });
});

describe("CSRF", () => {
  it("refuses a form without the session's token, or posted from another site", async () => {
    const c = await operator();
    expect((await c.post(`/console/reports/${almaty}/note`, { text: "x" }, { csrf: false })).status).toBe(403);
    expect((await c.post(`/console/reports/${almaty}/note`, { text: "x" }, { origin: "https://evil.example" })).status).toBe(403);
    expect(await h.db.internalNote.count()).toBe(0);
  });
});

describe("access by region", () => {
  it("an Almaty operator sees Almaty cases, not Astana's, and gets 403 on an Astana case by number", async () => {
    const c = await operator();
    expect(c.lastHtml).toContain(`/console/reports/${almaty}"`);
    expect(c.lastHtml).not.toContain(`/console/reports/${astana}"`);
    expect((await c.get(`/console/reports/${astana}`)).status).toBe(403);
    expect((await c.post(`/console/reports/${astana}/claim`, {})).status).toBe(403);
    expect((await c.get("/console/stats")).status).toBe(403);
    // Nor through a merge into that case.
    expect((await c.post(`/console/reports/${almaty}/merge`, { into: String(astana) })).headers.get("location")).toContain("merge_failed");
    expect((await h.db.report.findUnique({ where: { number: almaty } }))!.status).not.toBe("DUPLICATE");
    expect(await h.db.auditEntry.count({ where: { action: "case.denied", target: String(astana) } })).toBeGreaterThanOrEqual(1);
  });

  it("a supervisor sees every region and the statistics", async () => {
    const c = await signInFully(h, "supervisor@ombudsman.kz", PASSWORD);
    expect(c.lastHtml).toContain(`/console/reports/${astana}"`);
    const stats = await c.get("/console/stats");
    expect(stats.status).toBe(200);
    const html = await stats.text();
    expect(html).toContain('class="chart-weeks"');
    expect(html).toMatch(/Алматы|Almaty/);
    const csv = await (await c.get("/console/stats.csv")).text();
    expect(csv.split("\n")[0]).toBe(
      "region,reports,open,overdue,urgent,quiz_results,rights_awareness,responsibilities_awareness,satisfaction",
    );
    expect(csv).toContain("almaty,1,");
    expect(csv).not.toContain("толкают");
  });
});

describe("a case", () => {
  it("shows the child's words only here, logs the view, and a reply reaches the child signed by the team", async () => {
    const c = await operator();
    const page = await c.get(`/console/reports/${almaty}`);
    expect(page.status).toBe(200);
    expect(c.lastHtml).toContain("В школе меня толкают и обзывают");
    expect(await h.db.auditEntry.count({ where: { action: "case.view", target: String(almaty) } })).toBeGreaterThanOrEqual(1);

    const mark = h.api.calls.length;
    expect((await c.post(`/console/reports/${almaty}/reply`, { text: "Мы рядом. Расскажи, пожалуйста, в каком ты классе?" })).status).toBe(
      302,
    );
    await h.app.dispatcher.drain(); // the notification is queued with the reply, then sent
    const note = h.api.callsSince(mark).find((x) => x.method === "sendMessage" && x.payload.chat_id === childChat);
    expect(note?.payload.text).toBe(followup.ru.new_message);
    const entries = await h.db.auditEntry.findMany({ where: { action: "case.reply" } });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain("Мы рядом");
  });

  it("the queue's version changes when a case changes, so open pages update without reloading", async () => {
    const c = await operator();
    const before = await (await c.get("/console/queue/version")).text();
    await h.db.report.update({ where: { number: almaty }, data: { priority: "HIGH" } });
    const after = await (await c.get("/console/queue/version")).text();
    expect(after).not.toBe(before);
    const rows = await (await c.get("/console/queue/rows")).text();
    expect(rows).toContain(`data-case="${almaty}"`);
    expect(rows).not.toContain(`data-case="${astana}"`);
  });

  it("claiming in the console shows in the staff group too", async () => {
    const c = await operator();
    const post = h.api.messages(STAFF_GROUP).find((m) => m.text?.includes(`№${almaty}`) || m.text?.includes(`#${almaty}`));
    expect(post).toBeDefined();
    await c.post(`/console/reports/${almaty}/claim`, {});
    const stored = await h.db.report.findUnique({ where: { number: almaty } });
    const account = await h.db.staffAccount.findUnique({ where: { email: "op.almaty@ombudsman.kz" } });
    expect(stored!.assignee).toBe(account!.id);
    const edited = h.api.messages(STAFF_GROUP).find((m) => m.message_id === post!.message_id)!;
    expect(edited.edited).toBe(true);
    expect(edited.reply_markup!.inline_keyboard[0]![0]!.text).toMatch(/^🙋/);
  });

  it("needs a note to close or refer, records referrals and internal notes, and never sends notes to the child", async () => {
    const c = await operator();
    const mark = h.api.calls.length;
    const refused = await c.post(`/console/reports/${almaty}/status`, { status: "CLOSED", note: "" });
    expect(refused.headers.get("location")).toContain("flash=note_required");
    expect((await h.db.report.findUnique({ where: { number: almaty } }))!.status).not.toBe("CLOSED");
    // A referral is a status change: without a note, or without the confirmation, nothing changes.
    expect((await c.post(`/console/reports/${almaty}/refer`, { agency: "psychologist", confirm: "1" })).headers.get("location")).toContain(
      "flash=note_required",
    );
    expect(
      (await c.post(`/console/reports/${almaty}/refer`, { agency: "psychologist", note: "Передано психологу школы" })).headers.get(
        "location",
      ),
    ).toContain("flash=refer_confirm_required");
    expect(await h.db.referral.count({ where: { report: { number: almaty } } })).toBe(0);
    await c.post(`/console/reports/${almaty}/note`, { text: "Спросить школьного психолога" });
    expect(
      (
        await c.post(`/console/reports/${almaty}/refer`, { agency: "psychologist", note: "Передано психологу школы", confirm: "1" })
      ).headers.get("location"),
    ).toContain("flash=referred");
    const referral = await h.db.referral.findFirst({ where: { report: { number: almaty } } });
    await c.post(`/console/referrals/${referral!.id}/outcome?case=${almaty}`, { outcome: "Психолог провёл беседу с классом" });
    expect((await h.db.referral.findUnique({ where: { id: referral!.id } }))!.outcome).not.toContain("беседу");
    await c.get(`/console/reports/${almaty}`);
    expect(c.lastHtml).toContain("Психолог провёл беседу с классом");
    const stored = await h.db.report.findUnique({ where: { number: almaty }, include: { referrals: true, notes: true, events: true } });
    expect(stored!.status).toBe("REFERRED");
    expect(stored!.referrals.map((r) => r.agency)).toEqual(["psychologist"]);
    expect(stored!.notes).toHaveLength(2);
    expect(stored!.notes[0]!.bodySealed).not.toContain("психолог");
    expect(stored!.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["referral", "note", "status"]));
    expect(h.api.callsSince(mark).filter((x) => x.payload.chat_id === childChat)).toEqual([]);
    for (const action of ["case.refer", "case.note", "case.status"])
      expect(await h.db.auditEntry.count({ where: { action } }), action).toBeGreaterThanOrEqual(1);
  });
});

describe("retention", () => {
  it("deletes the content of cases closed more than 90 days ago; the anonymous counts stay", async () => {
    const c = await operator();
    await c.post(`/console/reports/${almaty}/status`, { status: "CLOSED", note: "Ситуация решена" });
    expect(await h.app.retention()).toBe(0);
    const later = new Date(Date.now() + 91 * 24 * 3600 * 1000);
    expect(await h.app.retention(later)).toBe(1);
    const stored = await h.db.report.findUnique({ where: { number: almaty }, include: { messages: true, notes: true } });
    expect(stored).toMatchObject({
      contentSealed: "",
      contactSealed: null,
      reporterPseudonym: null,
      category: "bullying",
      region: "almaty",
    });
    expect(stored!.messages).toEqual([]);
    expect(stored!.notes).toEqual([]);
    expect(stored!.contentDeletedAt).not.toBeNull();
    // 91 days on, the console session signed in before has expired (and been pruned): sign in again.
    const fresh = await operator();
    const page = await fresh.get(`/console/reports/${almaty}`);
    expect(page.status).toBe(200);
    expect(fresh.lastHtml).not.toContain("толкают");
    expect(await h.db.auditEntry.count({ where: { action: "retention.delete_content" } })).toBe(1);
    expect(await h.app.retention(later)).toBe(0);
    // The staff group's copy of the child's words is gone too (the redaction went through the outbox).
    await h.app.dispatcher.drain();
    const post = h.api.messages(STAFF_GROUP).find((m) => m.message_id === stored!.staffMessageId)!;
    expect(post.text).not.toContain("толкают");
    expect(post.reply_markup?.inline_keyboard ?? []).toEqual([]);
  });
});
