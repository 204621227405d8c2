// First-run setup over HTTP on a real database: while no admin exists the server issues a one-time
// link (printed, never logged); it creates the first admin in the running server, works once,
// expires, is replaced by a newer one, and leads straight on to the second-factor setup.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { setupFields } from "./staff-sign-in.ts";
import { announceSetupLink } from "../../src/entry/first-run.ts";
import { createLogger } from "../../src/logger.ts";
import { SETUP_LINK_TTL_MS } from "../../src/domain/staff/setup-links.ts";
import consoleRu from "../../locales/ru/console.json" with { type: "json" };
import manageRu from "../../locales/ru/manage.json" with { type: "json" };

const PASSWORD = "тихий вечер над степью 2026";
let h: Harness;
/** The first admin's email (whichever of two tabs won). */
let firstAdmin = "";

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A link as the server prints it at start. */
async function printedLink(): Promise<string> {
  const printed: string[] = [];
  expect(await announceSetupLink(h.app, { publicUrl: undefined }, 3000, createLogger("silent"), (t) => printed.push(t))).toBe(true);
  const url = /http:\/\/localhost:3000(\/console\/setup\?token=[A-Za-z0-9_-]{43})/.exec(printed.join("\n"))?.[1];
  if (!url) throw new Error(`no link printed: ${printed.join("\n")}`);
  return url;
}
const tokenOf = (path: string) => new URL(path, "http://x").searchParams.get("token")!;

describe("the one-time setup link", () => {
  it("the sign-in page points to it while no admin exists; the token is stored only as a hash", async () => {
    const c = new ConsoleClient(h.app.http);
    await c.get("/console/login");
    expect(c.lastHtml).toContain(manageRu.login_first_run);
    const link = await printedLink();
    const rows = await h.db.setupToken.findMany();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link));
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeGreaterThan(SETUP_LINK_TTL_MS - 60_000);
    // Never in the JSON log.
    expect(h.logs.join("")).not.toContain(tokenOf(link));
  });

  it("expires after 24 hours", async () => {
    const link = await printedLink();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + SETUP_LINK_TTL_MS + 1000);
      const c = new ConsoleClient(h.app.http);
      expect((await c.get(link)).status).toBe(410);
      expect(c.lastHtml).toContain(manageRu.setup_invalid);
      expect(
        (await c.post("/console/setup", { token: tokenOf(link), email: "first@ombudsman.kz", password: PASSWORD, confirm: PASSWORD }))
          .status,
      ).toBe(410);
    } finally {
      vi.useRealTimers();
    }
    expect(await h.db.staffAccount.count()).toBe(0);
  });

  it("a newer link (a restart) replaces the older one; a made-up token does not work", async () => {
    const older = await printedLink();
    const newer = await printedLink();
    const c = new ConsoleClient(h.app.http);
    expect((await c.get(older)).status).toBe(410);
    expect((await c.get("/console/setup?token=" + "A".repeat(43))).status).toBe(410);
    expect((await c.get("/console/setup")).status).toBe(410);
    expect((await c.get(newer)).status).toBe(200);
  });

  it("refuses a weak password or a mismatch on the form, without spending the link", async () => {
    const link = await printedLink();
    const c = new ConsoleClient(h.app.http);
    await c.get(link);
    expect(c.lastHtml).toContain(manageRu.setup_create);
    const weak = await c.post("/console/setup", {
      token: tokenOf(link),
      email: "first@ombudsman.kz",
      password: "password1234",
      confirm: "password1234",
    });
    expect(weak.status).toBe(400);
    expect(c.lastHtml).toContain(consoleRu.password_too_weak);
    expect(c.lastHtml).toContain('value="first@ombudsman.kz"');
    expect(
      (await c.post("/console/setup", { token: tokenOf(link), email: "first@ombudsman.kz", password: PASSWORD, confirm: PASSWORD + "!" }))
        .status,
    ).toBe(400);
    expect(c.lastHtml).toContain(consoleRu.password_mismatch);
    expect((await c.get(link)).status).toBe(200);
  });

  it("creates the first admin once (two tabs at once: one admin), then the second factor; the link is spent", async () => {
    const link = await printedLink();
    const token = tokenOf(link);
    const a = new ConsoleClient(h.app.http);
    const b = new ConsoleClient(h.app.http);
    const [ra, rb] = await Promise.all([
      a.post("/console/setup", { token, email: "First@Ombudsman.kz", password: PASSWORD, confirm: PASSWORD }),
      b.post("/console/setup", { token, email: "second@ombudsman.kz", password: PASSWORD, confirm: PASSWORD }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([302, 410]);
    const winner = ra.status === 302 ? a : b;
    const admins = await h.db.staffAccount.findMany();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ role: "ADMIN", active: true, mustChangePassword: false, totpSealed: null });
    expect((await h.db.auditEntry.findFirstOrThrow({ where: { action: "setup.admin_created" } })).actor).toBe(admins[0]!.id);
    firstAdmin = admins[0]!.email;

    // Straight on to the second factor, with a QR code and the key grouped for typing.
    const page = await winner.get("/console/totp");
    expect(page.status).toBe(200);
    expect(winner.lastHtml).toMatch(/<svg id="totp-qr"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(winner.lastHtml).toMatch(/id="totp-secret"[^>]*>([A-Z2-7]{4} ){7}[A-Z2-7]{4}</);
    expect(winner.lastHtml).toContain('action="/console/totp/cancel"');
    const { secret, pending } = setupFields(winner.lastHtml);
    expect((await winner.post("/console/totp/setup", { pending, code: h.app.accounts.codeFor(secret, admins[0]!.email) })).status).toBe(
      200,
    );
    expect((await winner.get("/console/staff")).status).toBe(200);

    // Spent, and no new one is printed now that an admin exists.
    expect((await new ConsoleClient(h.app.http).get(link)).status).toBe(410);
    expect(await announceSetupLink(h.app, { publicUrl: undefined }, 3000, createLogger("silent"), () => undefined)).toBe(false);
    await new ConsoleClient(h.app.http)
      .get("/console/login")
      .then(async (r) => expect(await r.text()).not.toContain(manageRu.login_first_run));
  });

  it("'back to sign-in' from the second factor ends the half-signed-in session", async () => {
    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn(firstAdmin, PASSWORD)).headers.get("location")).toBe("/console/totp");
    await c.get("/console/totp");
    expect(c.lastHtml).toContain(manageRu.back_to_sign_in);
    expect((await c.post("/console/totp/cancel", {})).headers.get("location")).toBe("/console/login");
    expect((await c.get("/console/totp")).headers.get("location")).toBe("/console/login");
    expect(await h.db.auditEntry.count({ where: { action: "signin.cancelled" } })).toBe(1);
  });
});
