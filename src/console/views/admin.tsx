import type { Translate } from "../../i18n/i18n.js";
import type { HelpDirectory } from "../../domain/help/directory.js";
import { fmt } from "./queue.js";
import { actorLabel, auditActionLabel, directoryRegionLabel, richText } from "../words.js";

export function AuditPage({
  t,
  entries,
  query,
  emails,
}: {
  t: Translate;
  entries: { at: Date; actor: string; action: string; target: string | null; detail: unknown }[];
  query: Record<string, string>;
  emails: Map<string, string>;
}) {
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
              <td>{actorLabel(t, e.actor, emails)}</td>
              <td title={e.action}>
                {auditActionLabel(t, e.action)} <span class="muted">{e.action}</span>
              </td>
              <td>{e.target ? (emails.get(e.target) ?? e.target) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
            <th>{t("manage:directory_entry")}</th>
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
                <div>{richText(t(`rights:ui.dir.${e.id}`))}</div>
                <div class="muted">{e.id}</div>
              </td>
              <td>{directoryRegionLabel(t, e.region)}</td>
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
