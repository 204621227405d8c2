// Staff accounts managed by an admin over HTTP: clear form errors (a duplicate email, an operator
// with no region), role and regions edited, the last admin kept, password and second-factor resets
// that force a change at the next sign-in, disabling and enabling again, an audit entry for each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { setupFields, signInFully } from "./staff-sign-in.ts";
import consoleRu from "../../locales/ru/console.json" with { type: "json" };
import manageRu from "../../locales/ru/manage.json" with { type: "json" };

const PASSWORD = "correct horse battery 42";
const TEMPORARY = "временный пароль для новичка 7";
let h: Harness;
let admin: ConsoleClient;
let adminId: string;

const account = (email: string) => h.db.staffAccount.findUniqueOrThrow({ where: { email } });
const audits = (action: string, target?: string) => h.db.auditEntry.findMany({ where: { action, ...(target ? { target } : {}) } });

beforeAll(async () => {
  h = await createHarness();
  adminId = (await h.app.accounts.create({ email: "admin@ombudsman.kz", password: PASSWORD, role: "ADMIN" })).id;
  admin = await signInFully(h, "admin@ombudsman.kz", PASSWORD);
});
afterAll(() => h.close());

describe("creating an account", () => {
  it("refuses an operator with no region, with the reason on the form and what was typed kept", async () => {
    const res = await admin.post("/console/staff", { email: "new.op@ombudsman.kz", password: TEMPORARY, role: "OPERATOR" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(admin.lastHtml).toContain(manageRu.staff_operator_regions);
    expect(admin.lastHtml).toContain('value="new.op@ombudsman.kz"');
    expect(await h.db.staffAccount.count({ where: { email: "new.op@ombudsman.kz" } })).toBe(0);
  });

  it("creates an operator for their regions, forced to choose a password; a duplicate email is a clear form error", async () => {
    const res = await admin.post("/console/staff", {
      email: "New.Op@ombudsman.kz",
      password: TEMPORARY,
      role: "OPERATOR",
      regions: ["almaty", "astana", "nowhere"],
    });
    expect(res.headers.get("location")).toBe("/console/staff?flash=staff_created");
    const created = await account("new.op@ombudsman.kz");
    expect(created).toMatchObject({ role: "OPERATOR", regions: ["almaty", "astana"], mustChangePassword: true, active: true });
    expect((await audits("account.create", "new.op@ombudsman.kz"))[0]?.detail).toMatchObject({
      role: "OPERATOR",
      regions: "almaty,astana",
    });

    const again = await admin.post("/console/staff", { email: "NEW.OP@ombudsman.kz ", password: TEMPORARY, role: "SUPERVISOR" });
    expect(again.status).toBe(400);
    expect(again.headers.get("content-type")).toContain("text/html");
    expect(admin.lastHtml).toContain(consoleRu.staff_exists);
    expect(admin.lastHtml).not.toContain('{"ok":false');
    expect(await h.db.staffAccount.count({ where: { email: "new.op@ombudsman.kz" } })).toBe(1);
  });
});

describe("editing an account", () => {
  it("changes role and regions (an operator must keep a region), with an audit entry; the change applies at once", async () => {
    const op = await account("new.op@ombudsman.kz");
    await admin.get(`/console/staff/${op.id}`);
    expect(admin.lastHtml).toContain(manageRu.staff_save_role_regions);

    const none = await admin.post(`/console/staff/${op.id}/edit`, { role: "OPERATOR" });
    expect(none.status).toBe(400);
    expect(admin.lastHtml).toContain(manageRu.staff_operator_regions);
    expect((await account("new.op@ombudsman.kz")).regions).toEqual(["almaty", "astana"]);

    const res = await admin.post(`/console/staff/${op.id}/edit`, { role: "OPERATOR", regions: ["shymkent"] });
    expect(res.headers.get("location")).toBe(`/console/staff/${op.id}?flash=staff_updated`);
    expect((await account("new.op@ombudsman.kz")).regions).toEqual(["shymkent"]);

    await admin.post(`/console/staff/${op.id}/edit`, { role: "SUPERVISOR", regions: ["shymkent"] });
    expect(await account("new.op@ombudsman.kz")).toMatchObject({ role: "SUPERVISOR", regions: [] });
    const entries = await audits("account.update", op.id);
    expect(entries.map((e) => e.detail)).toEqual([
      { from: "OPERATOR", role: "OPERATOR", regions: "shymkent" },
      { from: "OPERATOR", role: "SUPERVISOR", regions: "" },
    ]);
  });

  it("keeps the last active admin: no demotion, no disabling oneself", async () => {
    const demote = await admin.post(`/console/staff/${adminId}/edit`, { role: "SUPERVISOR" });
    expect(demote.status).toBe(409);
    expect(admin.lastHtml).toContain(manageRu.staff_last_admin);
    expect((await account("admin@ombudsman.kz")).role).toBe("ADMIN");
    const self = await admin.post(`/console/staff/${adminId}/active`, { active: "0" });
    expect(self.status).toBe(409);
    expect(admin.lastHtml).toContain(manageRu.staff_disable_self);
    expect((await account("admin@ombudsman.kz")).active).toBe(true);
    expect((await audits("account.update_refused", adminId)).length).toBe(1);
    expect((await audits("account.disable_refused", adminId)).length).toBe(1);
  });

  it("disables (sessions end at once) and enables again, each in the audit log", async () => {
    await h.app.accounts.create({ email: "op2@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
    const op = await account("op2@ombudsman.kz");
    const session = await signInFully(h, "op2@ombudsman.kz", PASSWORD);
    expect((await admin.post(`/console/staff/${op.id}/active`, { active: "0" })).headers.get("location")).toBe(
      `/console/staff/${op.id}?flash=staff_disabled`,
    );
    expect((await session.get("/console")).headers.get("location")).toBe("/console/login");
    expect((await new ConsoleClient(h.app.http).signIn("op2@ombudsman.kz", PASSWORD)).status).toBe(401);
    await admin.get(`/console/staff/${op.id}`);
    expect(admin.lastHtml).toContain(manageRu.staff_enable);

    expect((await admin.post(`/console/staff/${op.id}/active`, { active: "1" })).headers.get("location")).toBe(
      `/console/staff/${op.id}?flash=staff_enabled`,
    );
    expect((await new ConsoleClient(h.app.http).signIn("op2@ombudsman.kz", PASSWORD)).status).toBe(302);
    expect((await audits("account.disable", op.id)).length).toBe(1);
    expect((await audits("account.enable", op.id)).length).toBe(1);
  });

  it("resets the second factor only: the app is set up again at the next sign-in, the password stays", async () => {
    const op = await account("op2@ombudsman.kz");
    const session = await signInFully(h, "op2@ombudsman.kz", PASSWORD);
    const res = await admin.post(`/console/staff/${op.id}/reset-totp`, {});
    expect(res.headers.get("location")).toBe(`/console/staff/${op.id}?flash=staff_totp_reset`);
    expect((await session.get("/console")).headers.get("location")).toBe("/console/login");
    expect(await account("op2@ombudsman.kz")).toMatchObject({ totpSealed: null, recoveryCodes: [] });
    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn("op2@ombudsman.kz", PASSWORD)).headers.get("location")).toBe("/console/totp");
    await c.get("/console/totp");
    expect(() => setupFields(c.lastHtml)).not.toThrow();
    expect((await audits("account.totp_reset", op.id)).length).toBe(1);
  });

  it("resets the password: a temporary one shown once, a change forced at the next sign-in", async () => {
    const op = await account("op2@ombudsman.kz");
    const res = await admin.post(`/console/staff/${op.id}/reset`, {});
    expect(res.status).toBe(200);
    const temporary = /id="temporary-password">([^<]+)</.exec(admin.lastHtml)?.[1];
    expect(temporary).toBeDefined();
    expect((await account("op2@ombudsman.kz")).mustChangePassword).toBe(true);
    expect((await new ConsoleClient(h.app.http).signIn("op2@ombudsman.kz", PASSWORD)).status).toBe(401);
    expect((await audits("account.password_reset", op.id)).map((e) => e.detail)).toEqual([{ totp: false }]);
    // The staff page lists everyone with words, and each account's own page.
    await admin.get("/console/staff");
    expect(admin.lastHtml).toContain(`href="/console/staff/${op.id}"`);
    expect(admin.lastHtml).toContain(manageRu.staff_state_active);
  });

  it("is for admins only", async () => {
    await h.app.accounts.create({ email: "lead@ombudsman.kz", password: PASSWORD, role: "SUPERVISOR" });
    const lead = await signInFully(h, "lead@ombudsman.kz", PASSWORD);
    expect((await lead.get("/console/staff")).status).toBe(403);
    expect((await lead.post(`/console/staff/${adminId}/edit`, { role: "OPERATOR", regions: "almaty" })).status).toBe(403);
    expect((await account("admin@ombudsman.kz")).role).toBe("ADMIN");
  });
});
