// The case page's forms that change where a case stands: its status (closing warns when the child
// wrote last and nobody answered), a referral (a status change with a note and a confirmation),
// and the page that asks once more before a case closes over an unanswered message.
import type { Translate } from "../../i18n/i18n.js";
import type { ReportRecord, ThreadMessage } from "../../domain/reports/reports.js";
import { AGENCIES, STATUSES } from "../../domain/reports/casework.js";
import { Csrf } from "./layout.js";

/** The child wrote last and nobody has answered yet (the thread, oldest first). */
export const awaitsAnswer = (thread: Pick<ThreadMessage, "author">[]) => thread.at(-1)?.author === "CHILD";

export function StatusForm({
  t,
  csrf,
  report,
  thread,
}: {
  t: Translate;
  csrf: string;
  report: ReportRecord;
  thread: Pick<ThreadMessage, "author">[];
}) {
  return (
    <form method="post" action={`/console/reports/${report.number}/status`} id="status-form">
      <Csrf token={csrf} />
      <h3>{t("console:status_change")}</h3>
      <select name="status" aria-label={t("console:status")}>
        {STATUSES.filter((s) => s !== "DUPLICATE").map((s) => (
          <option value={s} selected={s === report.status}>
            {t(`console:status_${s}`)}
          </option>
        ))}
      </select>
      <textarea name="note" placeholder={t("console:status_note")} aria-label={t("console:status_note")} maxlength={4000}></textarea>
      {awaitsAnswer(thread) && (
        <p class="warn" id="unanswered-warning">
          {t("manage:close_unanswered_warning")}
        </p>
      )}
      <p class="muted">{t("manage:close_tells_child")}</p>
      <button type="submit">{t("manage:status_save")}</button>
    </form>
  );
}

export function ReferForm({ t, csrf, report }: { t: Translate; csrf: string; report: ReportRecord }) {
  return (
    <form method="post" action={`/console/reports/${report.number}/refer`} id="refer-form">
      <Csrf token={csrf} />
      <label>
        {t("console:agency")}{" "}
        <select name="agency">
          {AGENCIES.map((a) => (
            <option value={a}>{t(`console:agency_${a}`)}</option>
          ))}
        </select>
      </label>
      <textarea
        name="note"
        required
        minlength={3}
        maxlength={4000}
        placeholder={t("manage:refer_note")}
        aria-label={t("manage:refer_note")}
      ></textarea>
      <label>
        <input type="checkbox" name="confirm" value="1" required /> {t("manage:refer_confirm")}
      </label>
      <p>
        <button type="submit">{t("manage:refer_do")}</button>
      </p>
    </form>
  );
}

/** Asked by the server (not only the browser) before a case closes over the child's unanswered message. */
export function CloseConfirm({ t, csrf, report, note }: { t: Translate; csrf: string; report: ReportRecord; note: string }) {
  return (
    <section class="card" id="close-confirm">
      <h1>{t("manage:close_confirm_title", { number: report.number })}</h1>
      <p class="warn">{t("manage:close_confirm_text")}</p>
      <p>
        <a class="primary" href={`/console/reports/${report.number}#reply-text`}>
          {t("manage:close_confirm_back")}
        </a>
      </p>
      <form method="post" action={`/console/reports/${report.number}/status`}>
        <Csrf token={csrf} />
        <input type="hidden" name="status" value="CLOSED" />
        <input type="hidden" name="note" value={note} />
        <input type="hidden" name="confirm_unanswered" value="1" />
        <p class="muted">{t("manage:close_tells_child")}</p>
        <button type="submit">{t("manage:close_confirm_do")}</button>
      </form>
    </section>
  );
}
