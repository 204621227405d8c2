// What an open case page polls, over HTTP: a version that changes when the child writes (from the
// database, so any server instance answers the same), the conversation again (logged as a view),
// only within the viewer's regions, and never keeping an unattended session alive. Also the times
// every page shows: the ombudsman's zone, labelled, with countdowns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { fileReport } from "../harness/report-flow.ts";
import { followup } from "../harness/locales.ts";
import consoleRu from "../../locales/ru/console.json" with { type: "json" };
import { signInFully } from "./staff-sign-in.ts";

const PASSWORD = "correct horse battery 42";
let h: Harness;
let almaty: { id: string; number: number };
let astana: number;

beforeAll(async () => {
  h = await createHarness();
  await h.app.accounts.create({ email: "op.almaty@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
  await h.app.accounts.create({ email: "lead@ombudsman.kz", password: PASSWORD, role: "SUPERVISOR" });
  await fileReport(h.user({ id: 4_200_001, language_code: "ru" }), "ru", { region: "almaty", words: "В школе меня толкают" });
  await fileReport(h.user({ id: 4_200_002, language_code: "kk" }), "kk", { region: "astana" });
  const rows = await h.db.report.findMany({ orderBy: { number: "asc" } });
  almaty = { id: rows[0]!.id, number: rows[0]!.number };
  astana = rows[1]!.number;
  // A shared machine can take a minute to start a database.
}, 180_000);
afterAll(() => h.close());

const json = async (res: Response) => (await res.json()) as { thread: string; report: string };

describe("an open case page's live updates", () => {
  it("see the child's new message through the version and the thread, and log the view", async () => {
    const c = await signInFully(h, "op.almaty@ombudsman.kz", PASSWORD);
    const page = await c.get(`/console/reports/${almaty.number}`);
    expect(page.status).toBe(200);
    const shown = /id="case-thread"[^>]*data-version="([^"]+)"[^>]*data-report-version="([^"]+)"/.exec(c.lastHtml);
    const first = await json(await c.get(`/console/live/case/${almaty.number}/version`));
    // The page and the endpoint compute the same versions.
    expect(first).toEqual({ thread: shown?.[1], report: shown?.[2] });

    const child = h.user({ id: 4_200_001, language_code: "ru" });
    await child.pressData(child.lastBotMessage().message_id, `fu:add:${almaty.id}`);
    await child.send("Сегодня опять толкали");
    expect(child.lastBotMessage().text).toBe(followup.ru.sent);

    const second = await json(await c.get(`/console/live/case/${almaty.number}/version`));
    expect(second.thread).not.toBe(first.thread);
    const views = await h.db.auditEntry.count({ where: { action: "case.view", target: String(almaty.number) } });
    const thread = await c.get(`/console/live/case/${almaty.number}/thread`);
    expect(thread.status).toBe(200);
    const html = await thread.text();
    expect(html).toContain('<template data-part="case-thread"');
    expect(html).toContain("Сегодня опять толкали");
    expect(html).toContain(`data-version="${second.thread}"`);
    expect(await h.db.auditEntry.count({ where: { action: "case.view", target: String(almaty.number) } })).toBe(views + 1);
  });

  it("answer only within the viewer's regions", async () => {
    const c = await signInFully(h, "op.almaty@ombudsman.kz", PASSWORD);
    expect((await c.get(`/console/live/case/${astana}/version`)).status).toBe(404);
    expect((await c.get(`/console/live/case/${astana}/thread`)).status).toBe(403);
    expect((await c.get(`/console/live/case/999999/version`)).status).toBe(404);
  });

  it("do not keep an unattended session alive, and answer 401 (not a sign-in page) once it ended", async () => {
    const c = await signInFully(h, "lead@ombudsman.kz", PASSWORD);
    const session = async () =>
      (
        await h.db.consoleSession.findFirstOrThrow({ where: { account: { email: "lead@ombudsman.kz" } }, orderBy: { lastSeenAt: "desc" } })
      ).lastSeenAt.getTime();
    const seen = await session();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await c.get(`/console/live/case/${almaty.number}/version`)).status).toBe(200);
    expect(await session()).toBe(seen);
    await h.db.consoleSession.deleteMany({ where: { account: { email: "lead@ombudsman.kz" } } });
    expect((await c.get(`/console/live/case/${almaty.number}/version`)).status).toBe(401);
  });
});

describe("times in the console", () => {
  it("are in the ombudsman's zone, labelled, with a countdown to the deadline", async () => {
    const c = await signInFully(h, "lead@ombudsman.kz", PASSWORD);
    await c.get("/console");
    expect(c.lastHtml).toContain(`>${consoleRu.time_zone_note.replace("{{zone}}", "Алматы, UTC+5")}<`);
    const report = await h.db.report.findUniqueOrThrow({ where: { number: almaty.number } });
    const local = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Almaty",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).format(report.slaDueAt);
    expect(c.lastHtml).toContain(`<time datetime="${report.slaDueAt.toISOString()}"`);
    expect(c.lastHtml).toContain(`>${local}</time>`);
    expect(c.lastHtml).toMatch(/class="countdown" data-due="[^"]+">срок через \d+ (дн\.|ч)/);
  });

  it("and the statistics' CSV by month, region, category and age band is for supervisors", async () => {
    const lead = await signInFully(h, "lead@ombudsman.kz", PASSWORD);
    const csv = await (await lead.get("/console/stats-detail.csv")).text();
    expect(csv.split("\n")[0]).toBe(
      "month,region,region_name,category,category_name,age_band,age_band_name,reports,urgent,open,overdue,answered,answered_within_deadline,median_first_response_minutes",
    );
    expect(csv).toMatch(/^\d{4}-\d{2},"almaty","Алматы","bullying",/m);
    expect(csv).not.toContain("толкают");
    const op = await signInFully(h, "op.almaty@ombudsman.kz", PASSWORD);
    expect((await op.get("/console/stats-detail.csv")).status).toBe(403);
  });
});
