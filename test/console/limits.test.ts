// Resource limits and exports in the console: a huge body is refused before it is read, a huge
// password before it is hashed, and exported cells never run as spreadsheet formulas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { csvCell } from "../../src/console/csv.ts";
import { signInFully } from "./staff-sign-in.ts";

const PASSWORD = "correct horse battery 42";
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.app.accounts.create({ email: "admin@ombudsman.kz", password: PASSWORD, role: "ADMIN" });
});
afterAll(() => h.close());

describe("console limits", () => {
  it("refuses a sign-in body over 64 KiB with 413", async () => {
    const res = await h.app.http.request("http://localhost/console/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: `email=a%40b.c&password=${"x".repeat(200_000)}`,
    });
    expect(res.status).toBe(413);
  });

  it("refuses a password longer than 256 characters without hashing it", async () => {
    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn("admin@ombudsman.kz", "y".repeat(1_000))).status).toBe(401);
    // A field longer than any form needs is malformed input: 400, before any database work.
    expect((await c.signIn("admin@ombudsman.kz", "y".repeat(10_000))).status).toBe(400);
  });

  it("neutralises formulas in CSV cells (sign-in emails in the audit log are typed by anyone)", () => {
    expect(csvCell('=HYPERLINK("http://evil")@x.kz')).toBe(`"'=HYPERLINK(""http://evil"")@x.kz"`);
    for (const start of ["+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1`).startsWith(`"'`)).toBe(true);
    expect(csvCell("op@ombudsman.kz")).toBe('"op@ombudsman.kz"');
  });
});

describe("odd case numbers", () => {
  it("a huge or malformed case number is a 404, a bad merge target a kind refusal, never a 500", async () => {
    await h.app.accounts.create({ email: "lead@ombudsman.kz", password: PASSWORD, role: "SUPERVISOR" });
    const c = await signInFully(h, "lead@ombudsman.kz", PASSWORD);
    for (const number of ["99999999999", "2147483648", "-1", "1e3", "abc"])
      expect((await c.get(`/console/reports/${number}`)).status, number).toBe(404);
  });
});

describe("behind a TLS-terminating proxy", () => {
  const login = (harness: Harness, headers: Record<string, string>) =>
    harness.app.http.request("http://10.0.0.5:3000/console/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://help.example.kz", ...headers },
      body: "email=a%40b.c&password=wrong-password-123",
    });

  it("accepts the public origin only when TRUST_PROXY says a proxy forwards it", async () => {
    const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "help.example.kz" };
    expect((await login(h, forwarded)).status).toBe(403);
    const proxied = await createHarness({ env: { TRUST_PROXY: "1" } });
    try {
      expect((await login(proxied, forwarded)).status).toBe(401);
      expect((await login(proxied, { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" })).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it("the session cookie is __Host- and not persistent over https", async () => {
    const secure = await createHarness({ env: { PUBLIC_URL: "https://help.example.kz" } });
    try {
      await secure.app.accounts.create({ email: "op@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
      const res = await secure.app.http.request("https://help.example.kz/console/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://help.example.kz" },
        body: `email=op%40ombudsman.kz&password=${encodeURIComponent(PASSWORD)}`,
      });
      const cookie = res.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^__Host-bala_console=/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Max-Age|Expires/i);
    } finally {
      await secure.close();
    }
  });
});
