// Staff accounts (admins only): the list with a form to create one, and one account's page where
// its role and regions are edited, its password or second factor reset, and it is disabled or
// enabled again. Each button says what it does.
import type { Translate } from "../../i18n/i18n.js";
import type { Role, StaffAccountRecord } from "../../domain/staff/accounts.js";
import { regions } from "../../domain/help/directory.js";
import { Csrf } from "./layout.js";
import type { Flash } from "../page.js";

const ROLES: Role[] = ["OPERATOR", "SUPERVISOR", "ADMIN"];

export interface StaffDraft {
  email?: string;
  role?: string;
  regions?: string[];
}

function FlashLine({ flash }: { flash: Flash | undefined }) {
  return flash ? (
    <p class={flash.kind} role={flash.kind === "error" ? "alert" : "status"}>
      {flash.text}
    </p>
  ) : null;
}

function RoleAndRegions({ t, role, chosen }: { t: Translate; role: string | undefined; chosen: string[] }) {
  return (
    <>
      <label>
        {t("console:staff_role")}{" "}
        <select name="role">
          {ROLES.map((r) => (
            <option value={r} selected={r === role}>
              {t(`console:role_${r}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("console:staff_regions")}</legend>
        <p class="muted">{t("manage:staff_regions_hint")}</p>
        {regions.map((r) => (
          <label class="check">
            <input type="checkbox" name="regions" value={r} checked={chosen.includes(r)} /> {t(`report:regions.${r}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function Temporary({ t, temporary }: { t: Translate; temporary: { email: string; password: string } | undefined }) {
  return temporary ? (
    <p class="card">
      {t("console:staff_temporary", { email: temporary.email })} <code id="temporary-password">{temporary.password}</code>
    </p>
  ) : null;
}

export function StaffListPage({
  t,
  csrf,
  accounts,
  flash,
  draft,
}: {
  t: Translate;
  csrf: string;
  accounts: StaffAccountRecord[];
  flash?: Flash | undefined;
  draft?: StaffDraft | undefined;
}) {
  return (
    <>
      <h1>{t("console:staff_title")}</h1>
      <FlashLine flash={flash} />
      <table>
        <thead>
          <tr>
            <th>{t("console:email")}</th>
            <th>{t("console:staff_role")}</th>
            <th>{t("console:staff_regions")}</th>
            <th>{t("console:staff_totp")}</th>
            <th>{t("console:staff_active")}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr data-account={a.email}>
              <td>{a.email}</td>
              <td>{t(`console:role_${a.role}`)}</td>
              <td>{a.role === "OPERATOR" ? a.regions.map((r) => t(`report:regions.${r}`)).join(", ") : t("manage:staff_all_regions")}</td>
              <td>{a.totpSealed ? t("manage:staff_totp_on") : t("manage:staff_totp_pending")}</td>
              <td>{a.active ? t("manage:staff_state_active") : t("manage:staff_state_disabled")}</td>
              <td>
                <a href={`/console/staff/${a.id}`}>{t("manage:staff_manage")}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/console/staff" class="card" id="staff-create">
        <h2>{t("console:staff_create")}</h2>
        <Csrf token={csrf} />
        <label>
          {t("console:email")} <input type="email" name="email" value={draft?.email ?? ""} maxlength={254} required />
        </label>{" "}
        <label>
          {t("manage:staff_temporary_password")}{" "}
          <input type="password" name="password" required minlength={12} maxlength={256} autocomplete="new-password" />
        </label>
        <p class="muted">{t("manage:staff_temporary_password_hint")}</p>
        <RoleAndRegions t={t} role={draft?.role} chosen={draft?.regions ?? []} />
        <button type="submit" class="primary">
          {t("console:staff_create")}
        </button>
      </form>
    </>
  );
}

export function StaffAccountPage(p: {
  t: Translate;
  csrf: string;
  account: StaffAccountRecord;
  self: boolean;
  flash?: Flash | undefined;
  draft?: StaffDraft | undefined;
  temporary?: { email: string; password: string } | undefined;
}) {
  const { t, csrf, account: a } = p;
  const action = (path: string) => `/console/staff/${a.id}/${path}`;
  return (
    <>
      <p>
        <a href="/console/staff">← {t("console:staff_title")}</a>
      </p>
      <h1>{a.email}</h1>
      <FlashLine flash={p.flash} />
      <Temporary t={t} temporary={p.temporary} />
      <p class="muted">
        {t(`console:role_${a.role}`)} · {a.active ? t("manage:staff_state_active") : t("manage:staff_state_disabled")} ·{" "}
        {a.totpSealed ? t("manage:staff_totp_on") : t("manage:staff_totp_pending")}
        {a.mustChangePassword ? ` · ${t("manage:staff_must_change")}` : ""}
      </p>
      <form method="post" action={action("edit")} class="card" id="staff-edit">
        <h2>{t("manage:staff_role_regions")}</h2>
        <Csrf token={csrf} />
        {p.self && <p class="muted">{t("manage:staff_self_role")}</p>}
        <RoleAndRegions t={t} role={p.draft?.role ?? a.role} chosen={p.draft?.regions ?? a.regions} />
        <button type="submit" class="primary">
          {t("manage:staff_save_role_regions")}
        </button>
      </form>
      <section class="card">
        <h2>{t("manage:staff_sign_in")}</h2>
        <form method="post" action={action("reset")} data-confirm={t("manage:staff_reset_confirm", { email: a.email })}>
          <Csrf token={csrf} />
          <p>{t("manage:staff_reset_explain")}</p>
          <label>
            <input type="checkbox" name="totp" value="1" /> {t("console:staff_reset_totp")}
          </label>{" "}
          <button type="submit">{t("console:staff_reset")}</button>
        </form>
        <form method="post" action={action("reset-totp")} data-confirm={t("manage:staff_reset_totp_confirm", { email: a.email })}>
          <Csrf token={csrf} />
          <p>{t("manage:staff_reset_totp_explain")}</p>
          <button type="submit">{t("manage:staff_reset_totp")}</button>
        </form>
      </section>
      <form
        method="post"
        action={action("active")}
        class="card"
        {...(a.active ? { "data-confirm": t("manage:staff_disable_confirm", { email: a.email }) } : {})}
      >
        <h2>{t("manage:staff_access")}</h2>
        <Csrf token={csrf} />
        <p>{a.active ? t("manage:staff_disable_explain") : t("manage:staff_enable_explain")}</p>
        <input type="hidden" name="active" value={a.active ? "0" : "1"} />
        <button type="submit">{a.active ? t("manage:staff_disable") : t("manage:staff_enable")}</button>
      </form>
    </>
  );
}
