// Resource limits and exports in the console: a huge body is refused before it is read, a huge
// password before it is hashed, and exported cells never run as spreadsheet formulas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { csvCell } from "../../src/console/csv.ts";

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
    const res = await c.signIn("admin@ombudsman.kz", "y".repeat(10_000));
    expect(res.status).toBe(401);
  });

  it("neutralises formulas in CSV cells (sign-in emails in the audit log are typed by anyone)", () => {
    expect(csvCell('=HYPERLINK("http://evil")@x.kz')).toBe(`"'=HYPERLINK(""http://evil"")@x.kz"`);
    for (const start of ["+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1`).startsWith(`"'`)).toBe(true);
    expect(csvCell("op@ombudsman.kz")).toBe('"op@ombudsman.kz"');
  });
});
