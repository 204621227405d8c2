// Signing a staff member all the way into the console over HTTP: password, then the second factor
// every role has (set up on the first sign-in, a code from the authenticator afterwards).
// The TOTP secret and recovery codes seen at setup are kept per database, as a phone would.
import { expect } from "vitest";
import type { Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";

interface Enrolled {
  secret: string;
  recoveryCodes: string[];
}
const enrolled = new WeakMap<object, Map<string, Enrolled>>();
const forDb = (h: Harness) => {
  let map = enrolled.get(h.db);
  if (!map) enrolled.set(h.db, (map = new Map()));
  return map;
};

export const enrolment = (h: Harness, email: string): Enrolled | undefined => forDb(h).get(email.toLowerCase());

/** Reads the setup page's secret and sealed pending value. */
export function setupFields(html: string): { secret: string; pending: string } {
  // The key is shown in groups of four for typing.
  const secret = /id="totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, "");
  const pending = /name="pending" value="([^"]+)"/.exec(html)?.[1];
  if (!secret || !pending) throw new Error("not the TOTP setup page");
  return { secret, pending };
}

export const recoveryCodesIn = (html: string) => [...html.matchAll(/<li><code>([0-9a-z]{5}-[0-9a-z]{5})<\/code><\/li>/g)].map((m) => m[1]!);

/**
 * Completes the second factor for a client whose password was just accepted. Codes are taken
 * once per 30-second step; so that helpers can sign in many times a minute, the account's last
 * used step is forgotten first (the replay rule itself has its own tests).
 */
export async function secondFactor(h: Harness, c: ConsoleClient, email: string): Promise<void> {
  const page = await c.get("/console/totp");
  expect(page.status).toBe(200);
  if (c.lastHtml.includes('id="totp-secret"')) {
    const { secret, pending } = setupFields(c.lastHtml);
    const done = await c.post("/console/totp/setup", { pending, code: h.app.accounts.codeFor(secret, email) });
    expect(done.status).toBe(200);
    forDb(h).set(email.toLowerCase(), { secret, recoveryCodes: recoveryCodesIn(c.lastHtml) });
  } else {
    const known = enrolment(h, email);
    if (!known) throw new Error(`no TOTP secret known for ${email}`);
    await h.db.staffAccount.update({ where: { email: email.toLowerCase() }, data: { totpLastStep: null } });
    const done = await c.post("/console/totp", { code: h.app.accounts.codeFor(known.secret, email) });
    expect(done.status, c.lastHtml).toBe(302);
  }
}

/** A browser signed in all the way, on the queue page. */
export async function signInFully(h: Harness, email: string, password: string): Promise<ConsoleClient> {
  const c = new ConsoleClient(h.app.http);
  const res = await c.signIn(email, password);
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/console/totp");
  await secondFactor(h, c, email);
  const queue = await c.get("/console");
  expect(queue.status).toBe(200);
  return c;
}
