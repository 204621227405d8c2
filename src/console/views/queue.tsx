import type { Translate } from "../../i18n/i18n.js";
import {
  CLOSED_STATUSES,
  encodeQueueCursor,
  PRIORITIES,
  STATUSES,
  type QueueCursor,
  type QueueFilters,
  type QueueRow,
} from "../../domain/reports/casework.js";
import { regions } from "../../domain/help/directory.js";
import { reasonTextKey } from "../../domain/reports/triage.js";
import { Deadline, useClock } from "../clock.js";
import { LiveControls } from "./queue-live.js";

const CATEGORIES = ["physical", "sexual", "emotional", "neglect", "bullying", "online", "home_violence", "extortion", "work", "other"];

/** A moment in the console's time zone ("2026-03-05 14:05"); the page frame names the zone. */
export const fmt = (d: Date) => useClock().at(d);

/** The bot's reasons in words ("not safe now", "suicide words"), as the staff group shows them. */
export function reasonsLabel(t: Translate, reasons: string[]): string {
  return reasons.map((r) => t(reasonTextKey(r), { defaultValue: r })).join(", ");
}

export function assigneeLabel(t: Translate, assignee: string | null, me: string, emails: Map<string, string>): string {
  if (!assignee) return t("console:assignee_none");
  if (assignee === me) return t("console:assignee_me");
  return emails.get(assignee) ?? t("console:assignee_telegram");
}

export function QueueRows({
  t,
  rows,
  me,
  emails,
  now,
}: {
  t: Translate;
  rows: QueueRow[];
  me: string;
  emails: Map<string, string>;
  now: Date;
}) {
  if (rows.length === 0) {
    return (
      <tr>
        <td colspan={8}>{t("console:empty_queue")}</td>
      </tr>
    );
  }
  return (
    <>
      {rows.map((r) => {
        const overdue = !r.firstResponseAt && r.slaDueAt < now && !(CLOSED_STATUSES as readonly string[]).includes(r.status);
        return (
          <tr class={`${r.priority}${overdue ? " overdue" : ""}`} data-case={r.number}>
            <td data-label={t("console:case")}>
              <a href={`/console/reports/${r.number}`}>#{r.number}</a> <span class="muted">{r.codeHint}…</span>
            </td>
            <td data-label={t("console:priority")}>
              <span class={`badge ${r.priority}`}>{t(`console:priority_${r.priority}`)}</span>
              {overdue && <span class="badge overdue"> {t("console:overdue")}</span>}
            </td>
            <td data-label={t("console:status")}>{t(`console:status_${r.status}`)}</td>
            <td data-label={t("console:category")}>{t(`report:cat_${r.category}`)}</td>
            <td data-label={t("console:region")}>{r.region ? t(`report:regions.${r.region}`) : t("console:none")}</td>
            <td data-label={t("console:due")}>
              <Deadline
                zone={false}
                due={r.slaDueAt}
                now={now}
                open={!r.firstResponseAt && !(CLOSED_STATUSES as readonly string[]).includes(r.status)}
              />
            </td>
            <td data-label={t("console:assignee")}>{assigneeLabel(t, r.assignee, me, emails)}</td>
            <td data-label={t("console:flags")} class="muted">
              {reasonsLabel(t, r.priorityReasons)}
            </td>
          </tr>
        );
      })}
    </>
  );
}

/** The count chips: open cases per priority, overdue, unassigned, and cases per status. */
export function QueueCounts({ t, counts }: { t: Translate; counts: Record<string, number> }) {
  const n = (key: string) => <span data-count={key}>{counts[key] ?? 0}</span>;
  return (
    <>
      {PRIORITIES.map((p) => (
        <span>
          <span class={`badge ${p}`}>{t(`console:priority_${p}`)}</span> {n(p)}
        </span>
      ))}
      <span>
        <span class="badge overdue">{t("console:overdue")}</span> {n("overdue")}
      </span>
      <span>
        {t("console:unassigned")}: {n("unassigned")}
      </span>
      {STATUSES.map((s) => (
        <span>
          {t(`console:status_${s}`)}: {n(s)}
        </span>
      ))}
    </>
  );
}

/** The queue's address with these filters (and a page start): paging keeps the filters. */
export function queueHref(filters: QueueFilters, after?: QueueCursor): string {
  const q = new URLSearchParams();
  for (const key of ["status", "priority", "region", "category", "assignee"] as const) {
    const value = filters[key];
    if (value) q.set(key, value);
  }
  if (filters.overdue) q.set("overdue", "1");
  if (after) q.set("after", encodeQueueCursor(after));
  const query = q.toString();
  return query ? `/console?${query}` : "/console";
}

export function QueuePager({
  t,
  filters,
  after,
  next,
}: {
  t: Translate;
  filters: QueueFilters;
  after: QueueCursor | undefined;
  next: QueueCursor | null;
}) {
  return (
    <>
      {after && (
        <a href={queueHref(filters)} rel="first">
          {t("console:first_page")}
        </a>
      )}
      {next && (
        <a href={queueHref(filters, next)} rel="next">
          {t("console:next_page")}
        </a>
      )}
    </>
  );
}

/**
 * What the live view fetches when the queue's version changes: the rows, the count chips and the
 * pager, each in an inert <template> the page's script moves into place (no inline script).
 */
export function QueueLive(props: {
  t: Translate;
  filters: QueueFilters;
  counts: Record<string, number>;
  rows: QueueRow[];
  after: QueueCursor | undefined;
  next: QueueCursor | null;
  me: string;
  emails: Map<string, string>;
  now: Date;
}) {
  return (
    <>
      <template data-part="queue-rows">
        <QueueRows t={props.t} rows={props.rows} me={props.me} emails={props.emails} now={props.now} />
      </template>
      <template data-part="queue-counts">
        <QueueCounts t={props.t} counts={props.counts} />
      </template>
      <template data-part="queue-pager">
        <QueuePager t={props.t} filters={props.filters} after={props.after} next={props.next} />
      </template>
    </>
  );
}

export function QueuePage(props: {
  t: Translate;
  filters: QueueFilters;
  counts: Record<string, number>;
  version: string;
  rows: QueueRow[];
  after: QueueCursor | undefined;
  next: QueueCursor | null;
  me: string;
  emails: Map<string, string>;
  now: Date;
}) {
  const { t, filters, counts } = props;
  const select = (name: string, values: readonly string[], label: (v: string) => string, current?: string) => (
    <select name={name}>
      <option value="">{t("console:filter_all")}</option>
      {values.map((v) => (
        <option value={v} selected={current === v}>
          {label(v)}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <h1>{t("console:nav_queue")}</h1>
      <div class="counts" id="queue-counts" aria-label={t("console:open_cases")} aria-live="polite">
        <QueueCounts t={t} counts={counts} />
      </div>
      <form method="get" action="/console" class="filters" aria-label={t("console:filters")}>
        <label>
          {t("console:status")}
          {select("status", STATUSES, (v) => t(`console:status_${v}`), filters.status)}
        </label>
        <label>
          {t("console:priority")}
          {select("priority", PRIORITIES, (v) => t(`console:priority_${v}`), filters.priority)}
        </label>
        <label>
          {t("console:region")}
          {select("region", regions, (v) => t(`report:regions.${v}`), filters.region)}
        </label>
        <label>
          {t("console:category")}
          {select("category", CATEGORIES, (v) => t(`report:cat_${v}`), filters.category)}
        </label>
        <label>
          {t("console:assignee")}
          {select(
            "assignee",
            ["none", props.me],
            (v) => (v === "none" ? t("console:assignee_none") : t("console:assignee_me")),
            filters.assignee,
          )}
        </label>
        <label>
          {t("console:overdue")}
          <input type="checkbox" name="overdue" value="1" checked={filters.overdue} />
        </label>
        <button type="submit" class="primary">
          {t("console:filter_apply")}
        </button>
        <span class="muted">{t("console:live")}</span>
      </form>
      <LiveControls t={t} />
      <table class="queue">
        <thead>
          <tr>
            <th>{t("console:case")}</th>
            <th>{t("console:priority")}</th>
            <th>{t("console:status")}</th>
            <th>{t("console:category")}</th>
            <th>{t("console:region")}</th>
            <th>{t("console:due")}</th>
            <th>{t("console:assignee")}</th>
            <th>{t("console:flags")}</th>
          </tr>
        </thead>
        <tbody id="queue-rows" data-version={props.version}>
          <QueueRows t={t} rows={props.rows} me={props.me} emails={props.emails} now={props.now} />
        </tbody>
      </table>
      <nav class="pager" id="queue-pager" aria-label={t("console:pages")}>
        <QueuePager t={t} filters={filters} after={props.after} next={props.next} />
      </nav>
    </>
  );
}
