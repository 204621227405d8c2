// /console/setup: the first admin, created by the running server through the one-time link it
// printed at start (see domain/staff/setup-links.ts). No session is needed to reach it: the link's
// token is the proof, and the Origin check (baseSecurity) still guards the form.
import { Hono, type Context } from "hono";
import { setCookie } from "hono/cookie";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { readForm, sessionCookie } from "./security.js";
import { SetupClosedPage, SetupPage } from "./views/setup.js";
import { createSetupLinks } from "../domain/staff/setup-links.js";
import { hashPassword, passwordProblem, PasswordBusyError } from "../domain/staff/passwords.js";
import { audit } from "../domain/staff/audit.js";

type C = Context<ConsoleEnv>;

export function setupRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const links = createSetupLinks(deps.db);
  const cookie = sessionCookie(deps.secureCookies);
  const form = (c: C, token: string, error?: string, email?: string) =>
    c.html(
      <SetupPage t={c.get("t")} lang={c.get("lang")} token={token} email={email} error={error ? c.get("t")(error) : undefined} />,
      error ? 400 : 200,
    );
  const closed = (c: C, reason: "invalid" | "admin_exists") =>
    c.html(<SetupClosedPage t={c.get("t")} lang={c.get("lang")} reason={reason} />, 410);

  app.get("/", async (c) => {
    const token = c.req.query("token") ?? "";
    const state = await links.check(token);
    return state === "ok" ? form(c, token) : closed(c, state);
  });

  app.post("/", async (c) => {
    const input = await readForm(c, { token: { max: 64 }, email: { max: 254 }, password: { max: 4096 }, confirm: { max: 4096 } });
    if (!input.ok) return input.response;
    const { token, email, password, confirm } = input.fields;
    const state = await links.check(token);
    if (state !== "ok") return closed(c, state);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) return form(c, token, "manage:email_invalid", email);
    if (password !== confirm) return form(c, token, "console:password_mismatch", email);
    const problem = passwordProblem(password, { email });
    if (problem) return form(c, token, `console:password_${problem}`, email);
    const passwordHash = await hashPassword(password).catch((error: unknown) =>
      error instanceof PasswordBusyError ? undefined : Promise.reject(error),
    );
    if (!passwordHash) return form(c, token, "console:login_busy", email);
    const done = await links.complete(token, { email, passwordHash });
    if (!done.ok) return done.reason === "email_taken" ? form(c, token, "console:staff_exists", email) : closed(c, done.reason);
    await audit(deps.db, done.account.id, "setup.admin_created", done.account.email);
    // Signed in as far as the password: the second factor is set up next, as for everyone.
    setCookie(c, cookie.name, await deps.accounts.startSession(done.account.id), cookie.options);
    return c.redirect("/console/totp");
  });
  return app;
}
