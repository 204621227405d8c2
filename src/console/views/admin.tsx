import type { Translate } from "../../i18n/i18n.js";
import type { StaffAccountRecord } from "../../domain/staff/accounts.js";
import type { HelpDirectory } from "../../domain/help/directory.js";
import { regions } from "../../domain/help/directory.js";
import { Csrf } from "./layout.js";
import { fmt } from "./queue.js";

export function AuditPage({ t, entries, query, emails }: { t: Translate; entries: { at: Date; actor: string; action: string; target: string | null; detail: unknown }[]; query: Record<string, string>; emails: Map<string, string> }) {
  const qs = new URLSearchParams(query).toString();
  return (
    <>
      <h1>{t("console:audit_title")}</h1>
      <form method="get" class="filters">
        <label>
          {t("console:audit_action")}
          <input name="action" value={query.action ?? ""} />
        </label>
        <label>
          {t("console:audit_target")}
          <input name="target" value={query.target ?? ""} />
        </label>
        <button type="submit" class="primary">
          {t("console:audit_search")}
        </button>
        <a href={`/console/audit.csv${qs ? `?${qs}` : ""}`}>{t("console:audit_csv")}</a>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t("console:audit_when")}</th>
            <th>{t("console:audit_actor")}</th>
            <th>{t("console:audit_action")}</th>
            <th>{t("console:audit_target")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{fmt(e.at)}</td>
              <td>{emails.get(e.actor) ?? e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function StaffPage({
  t,
  csrf,
  accounts,
  flash,
  temporary,
}: {
  t: Translate;
  csrf: string;
  accounts: StaffAccountRecord[];
  flash?: { kind: "ok" | "error"; text: string } | undefined;
  /** Shown once, right after a reset, to hand over in person. */
  temporary?: { email: string; password: string } | undefined;
}) {
  return (
    <>
      <h1>{t("console:staff_title")}</h1>
      {flash && <p class={flash.kind}>{flash.text}</p>}
      {temporary && (
        <p class="card">
          {t("console:staff_temporary", { email: temporary.email })} <code id="temporary-password">{temporary.password}</code>
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t("console:email")}</th>
            <th>{t("console:staff_role")}</th>
            <th>{t("console:staff_regions")}</th>
            <th>{t("console:staff_totp")}</th>
            <th>{t("console:staff_active")}</th>
            <th>{t("console:staff_reset")}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr>
              <td>{a.email}</td>
              <td>{t(`console:role_${a.role}`)}</td>
              <td>{a.regions.map((r) => t(`report:regions.${r}`)).join(", ")}</td>
              <td>{a.totpSealed ? "✓" : "—"}</td>
              <td>
                <form method="post" action={`/console/staff/${a.id}/active`}>
                  <Csrf token={csrf} />
                  <input type="hidden" name="active" value={a.active ? "0" : "1"} />
                  {a.active ? "✓ " : "— "}
                  <button type="submit">{a.active ? t("console:staff_disable") : t("console:staff_enable")}</button>
                </form>
              </td>
              <td>
                <form method="post" action={`/console/staff/${a.id}/reset`}>
                  <Csrf token={csrf} />
                  <label>
                    <input type="checkbox" name="totp" value="1" /> {t("console:staff_reset_totp")}
                  </label>{" "}
                  <button type="submit">{t("console:staff_reset")}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/console/staff" class="card">
        <h2>{t("console:staff_create")}</h2>
        <Csrf token={csrf} />
        <label>
          {t("console:email")} <input type="email" name="email" required />
        </label>{" "}
        <label>
          {t("console:password")} <input type="password" name="password" required minlength={12} maxlength={256} autocomplete="new-password" />
        </label>{" "}
        <label>
          {t("console:staff_role")}{" "}
          <select name="role">
            {["OPERATOR", "SUPERVISOR", "ADMIN"].map((r) => (
              <option value={r}>{t(`console:role_${r}`)}</option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t("console:staff_regions")}</legend>
          {regions.map((r) => (
            <label style="display:inline-block;margin-right:10px">
              <input type="checkbox" name="regions" value={r} /> {t(`report:regions.${r}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          {t("console:staff_create")}
        </button>
      </form>
    </>
  );
}

export function DirectoryPage({ t, directory }: { t: Translate; directory: HelpDirectory }) {
  return (
    <>
      <h1>{t("console:directory_title")}</h1>
      <p class="muted">flows/help-directory.json · {directory.version}</p>
      <table>
        <thead>
          <tr>
            <th>id</th>
            <th>{t("console:region")}</th>
            <th>{t("console:directory_verified")}</th>
            <th>{t("console:directory_source")}</th>
            <th>{t("console:directory_checked")}</th>
          </tr>
        </thead>
        <tbody>
          {directory.entries.map((e) => (
            <tr>
              <td>
                {e.id}
                <div class="muted">{t(`rights:ui.dir.${e.id}`)}</div>
              </td>
              <td>{e.region}</td>
              <td>{e.verified ? "✓" : "—"}</td>
              <td>{e.source.startsWith("http") ? <a href={e.source}>{e.source}</a> : e.source}</td>
              <td>{e.checked}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
