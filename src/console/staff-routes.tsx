// /console/staff (admins): create accounts, edit role and regions, reset a password or the second
// factor (a change forced at the next sign-in), disable and enable again. Mistakes are answered on
// the form in words, never as raw errors; every change is written to the audit log.
import { Hono, type Context } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { readForm, requireRole } from "./security.js";
import { renderPage, type Flash } from "./page.js";
import { StaffAccountPage, StaffListPage, type StaffDraft } from "./views/staff.js";
import { normaliseEmail, type Role, type StaffAccountRecord } from "../domain/staff/accounts.js";
import { passwordProblem, PasswordBusyError } from "../domain/staff/passwords.js";
import { audit } from "../domain/staff/audit.js";
import { regions } from "../domain/help/directory.js";

type C = Context<ConsoleEnv>;
const ROLES: readonly string[] = ["OPERATOR", "SUPERVISOR", "ADMIN"];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const FLASHES = ["staff_created", "staff_updated", "staff_enabled", "staff_disabled", "staff_totp_reset"];

/** Role and regions from a form, or the problem to show: an operator must have a region. */
function roleAndRegions(
  form: Record<string, string | File | (string | File)[]>,
): { role: Role; regions: string[] } | { problem: string; draft: StaffDraft } {
  const role = typeof form.role === "string" ? form.role : "";
  const chosen = [form.regions ?? []]
    .flat()
    .filter((r): r is string => typeof r === "string" && (regions as readonly string[]).includes(r));
  if (!ROLES.includes(role)) return { problem: "manage:staff_role_invalid", draft: { role, regions: chosen } };
  if (role === "OPERATOR" && chosen.length === 0) return { problem: "manage:staff_operator_regions", draft: { role, regions: chosen } };
  return { role: role as Role, regions: role === "OPERATOR" ? chosen : [] };
}

export function staffRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { db, accounts } = deps;
  app.use(requireRole("ADMIN"));
  const me = (c: C) => c.get("account").id;
  const text = (c: C, key: string) => c.get("t")(key);

  const list = async (c: C, flash?: Flash, draft?: StaffDraft, status: 200 | 400 = 200) =>
    renderPage(
      c,
      text(c, "console:staff_title"),
      <StaffListPage t={c.get("t")} csrf={c.get("csrf")} accounts={await accounts.list()} flash={flash} draft={draft} />,
      status,
    );
  const one = (
    c: C,
    account: StaffAccountRecord,
    extra: { flash?: Flash; draft?: StaffDraft; temporary?: { email: string; password: string } } = {},
    status: 200 | 400 | 409 = 200,
  ) =>
    renderPage(
      c,
      account.email,
      <StaffAccountPage t={c.get("t")} csrf={c.get("csrf")} account={account} self={account.id === me(c)} {...extra} />,
      status,
    );
  const flashOf = (c: C): Flash | undefined => {
    const flash = c.req.query("flash");
    return flash && FLASHES.includes(flash) ? { kind: "ok", text: text(c, `manage:${flash}`) } : undefined;
  };
  const found = async (c: C) => {
    const id = c.req.param("id") ?? "";
    return /^[0-9a-f-]{36}$/.test(id) ? ((await accounts.find(id)) ?? undefined) : undefined;
  };
  const notFound = (c: C) => renderPage(c, "404", <p>{text(c, "console:not_found")}</p>, 404);

  app.get("/", async (c) => list(c, flashOf(c)));

  app.post("/", async (c) => {
    const form = await c.req.parseBody({ all: true });
    const [email, password] = [form.email, form.password];
    if (typeof email !== "string" || typeof password !== "string" || email.length > 254 || password.length > 4096 || CONTROL.test(email))
      return c.text("Bad request", 400);
    const picked = roleAndRegions(form);
    const draft: StaffDraft = {
      email: email.trim(),
      ...("draft" in picked ? picked.draft : { role: picked.role, regions: picked.regions }),
    };
    const refuse = (key: string) => list(c, { kind: "error", text: text(c, key) }, draft, 400);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) return refuse("manage:email_invalid");
    if ("problem" in picked) return refuse(picked.problem);
    const problem = passwordProblem(password, { email });
    if (problem) return refuse(`console:password_${problem}`);
    if (await db.staffAccount.findUnique({ where: { email: normaliseEmail(email) } })) return refuse("console:staff_exists");
    // The admin knows this password: the person chooses their own at first sign-in.
    const account = await accounts
      .create({ email, password, role: picked.role, regions: picked.regions, mustChangePassword: true })
      .catch((error: unknown) => (error instanceof PasswordBusyError ? ("busy" as const) : ("exists" as const)));
    if (account === "busy") return refuse("console:login_busy");
    // Two admins creating the same email at once: the unique index decides, the form explains.
    if (account === "exists") return refuse("console:staff_exists");
    await audit(db, me(c), "account.create", account.email, { role: account.role, regions: account.regions.join(",") });
    return c.redirect("/console/staff?flash=staff_created");
  });

  app.get("/:id", async (c) => {
    const account = await found(c);
    return account ? one(c, account, { ...(flashOf(c) ? { flash: flashOf(c)! } : {}) }) : notFound(c);
  });

  app.post("/:id/edit", async (c) => {
    const account = await found(c);
    if (!account) return notFound(c);
    const picked = roleAndRegions(await c.req.parseBody({ all: true }));
    if ("problem" in picked) return one(c, account, { flash: { kind: "error", text: text(c, picked.problem) }, draft: picked.draft }, 400);
    // Nobody takes away the console's last admin (themselves included).
    if (account.role === "ADMIN" && picked.role !== "ADMIN" && (await accounts.otherActiveAdmins(account.id)) === 0) {
      await audit(db, me(c), "account.update_refused", account.id, { reason: "last_admin" });
      return one(c, account, { flash: { kind: "error", text: text(c, "manage:staff_last_admin") } }, 409);
    }
    const updated = await accounts.update(account.id, picked);
    await audit(db, me(c), "account.update", account.id, { from: account.role, role: updated.role, regions: updated.regions.join(",") });
    return c.redirect(`/console/staff/${account.id}?flash=staff_updated`);
  });

  app.post("/:id/active", async (c) => {
    const account = await found(c);
    if (!account) return notFound(c);
    const form = await readForm(c, { active: { max: 1 } });
    if (!form.ok) return form.response;
    const active = form.fields.active === "1";
    if (!active && (account.id === me(c) || (account.role === "ADMIN" && (await accounts.otherActiveAdmins(account.id)) === 0))) {
      await audit(db, me(c), "account.disable_refused", account.id, { reason: account.id === me(c) ? "self" : "last_admin" });
      return one(
        c,
        account,
        { flash: { kind: "error", text: text(c, account.id === me(c) ? "manage:staff_disable_self" : "manage:staff_last_admin") } },
        409,
      );
    }
    await accounts.setActive(account.id, active);
    await audit(db, me(c), active ? "account.enable" : "account.disable", account.id);
    return c.redirect(`/console/staff/${account.id}?flash=${active ? "staff_enabled" : "staff_disabled"}`);
  });

  app.post("/:id/reset", async (c) => {
    const form = await readForm(c, { totp: { max: 1, optional: true } });
    if (!form.ok) return form.response;
    const account = await found(c);
    if (!account) return notFound(c);
    const reset = await accounts
      .resetPassword(account.id, { resetTotp: form.fields.totp === "1" })
      .catch((error: unknown) => (error instanceof PasswordBusyError ? ("busy" as const) : Promise.reject(error)));
    if (reset === "busy") return one(c, account, { flash: { kind: "error", text: text(c, "console:login_busy") } }, 400);
    if (!reset) return notFound(c);
    await audit(db, me(c), "account.password_reset", reset.account.id, { totp: form.fields.totp === "1" });
    // The temporary password is shown on this answer only, to be handed over in person.
    return one(c, reset.account, {
      flash: { kind: "ok", text: text(c, "console:staff_reset_done") },
      temporary: { email: reset.account.email, password: reset.temporary },
    });
  });

  app.post("/:id/reset-totp", async (c) => {
    const account = await found(c);
    if (!account) return notFound(c);
    const reset = await accounts.resetTotp(account.id);
    if (!reset) return notFound(c);
    await audit(db, me(c), "account.totp_reset", account.id);
    return c.redirect(`/console/staff/${account.id}?flash=staff_totp_reset`);
  });

  return app;
}
