// The conversation with the child on a case page, in a box the page's script refreshes when the
// child writes (see live-routes.tsx): the reply form below it is never replaced, so nothing a
// staff member is typing is lost.
import type { Translate } from "../../i18n/i18n.js";
import type { ReportRecord, ThreadMessage } from "../../domain/reports/reports.js";
import { Time } from "../clock.js";

/**
 * What changes when the conversation does: a message added, or a staff message read by the child.
 * Computed from ids and read marks only (nothing to decrypt), the same way by the page and by the
 * endpoint the page polls.
 */
export function threadVersion(messages: { id: string; readAt: Date | null }[]): string {
  return `${messages.length}:${messages.at(-1)?.id ?? "-"}:${messages.filter((m) => m.readAt).length}`;
}

/** What changes when anything else on the case does (status, priority, assignee, deadline). */
export const reportVersion = (report: Pick<ReportRecord, "updatedAt">) => String(report.updatedAt.getTime());

export function ThreadMessages({ t, thread }: { t: Translate; thread: ThreadMessage[] }) {
  if (thread.length === 0) return <p class="muted">{t("console:thread_empty")}</p>;
  return (
    <>
      {thread.map((m) => (
        <div class={`msg ${m.author}`} data-message={m.id}>
          <span class="muted">
            {m.author === "CHILD" ? t("console:from_child") : t("console:from_team")} · <Time at={m.createdAt} />
            {m.author === "STAFF" ? ` · ${m.readAt ? t("console:read") : t("console:unread")}` : ""}
          </span>
          {"\n"}
          {m.body}
        </div>
      ))}
    </>
  );
}

export function CaseThread({
  t,
  report,
  thread,
}: {
  t: Translate;
  report: Pick<ReportRecord, "number" | "updatedAt">;
  thread: ThreadMessage[];
}) {
  return (
    <>
      <div
        id="case-thread"
        aria-live="polite"
        data-case={report.number}
        data-version={threadVersion(thread)}
        data-report-version={reportVersion(report)}
        data-changed={t("console:live_case_changed")}
        data-new-message={t("console:live_new_message")}
      >
        <ThreadMessages t={t} thread={thread} />
      </div>
      <p id="case-changed" class="notice" role="status" hidden>
        {t("console:live_case_changed")} <a href={`/console/reports/${report.number}`}>{t("console:live_reload")}</a>
      </p>
    </>
  );
}
