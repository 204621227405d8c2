import type { Translate } from "../../i18n/i18n.js";
import type { ReportContent, ReportRecord, ThreadMessage } from "../../domain/reports/reports.js";
import { PRIORITIES } from "../../domain/reports/casework.js";
import { Csrf } from "./layout.js";
import { assigneeLabel, fmt, reasonsLabel } from "./queue.js";
import { ageBandTextKey } from "../../domain/reports/age-bands.js";
import { CaseThread } from "./case-thread.js";
import { Deadline } from "../clock.js";
import { EvidenceList } from "./evidence.js";
import { ReferForm, StatusForm } from "./case-actions.js";
import { actorLabel, eventDetail, eventLabel } from "../words.js";

export interface CaseProps {
  t: Translate;
  /** Texts in the child's language, for the reply templates. */
  childT: Translate;
  csrf: string;
  report: ReportRecord;
  content: ReportContent | undefined;
  thread: ThreadMessage[];
  notes: { body: string; author: string; createdAt: Date }[];
  referrals: { id: string; agency: string; referredAt: Date; outcome: string | null }[];
  history: { kind: string; actor: string; createdAt: Date; data: unknown }[];
  me: string;
  emails: Map<string, string>;
  staffAccounts: { id: string; email: string }[];
  canReassign: boolean;
  /** Images can be shown here (cleaned of metadata); not on Workers. */
  cleansImages?: boolean;
  flash?: { kind: "ok" | "error"; text: string } | undefined;
}

export function CasePage(p: CaseProps) {
  const { t, report: r, csrf } = p;
  const action = (path: string) => `/console/reports/${r.number}/${path}`;
  const who = (actor: string) =>
    actor === "bot" || actor === "child" || actor === "system" ? actorLabel(t, actor, p.emails) : assigneeLabel(t, actor, p.me, p.emails);
  const field = (label: string, value: string) => (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
  return (
    <>
      <h1>
        {t("console:case")} #{r.number} <span class={`badge ${r.priority}`}>{t(`console:priority_${r.priority}`)}</span>{" "}
        <span class="badge">{t(`console:status_${r.status}`)}</span>
      </h1>
      {p.flash && (
        <p class={p.flash.kind} role="status">
          {p.flash.text}
        </p>
      )}
      <p class="muted">{t("console:view_logged")}</p>
      <div class="grid">
        <div>
          <section class="card">
            <h2>{t("console:child_words")}</h2>
            {p.content ? (
              <>
                <blockquote id="child-words">{p.content.words}</blockquote>
                {p.content.school && (
                  <p>
                    {t("console:school")}: {p.content.school}
                  </p>
                )}
                <EvidenceList t={t} number={r.number} attachments={p.content.attachments} cleansImages={p.cleansImages ?? false} />
              </>
            ) : (
              <p class="muted">{t("console:content_deleted")}</p>
            )}
          </section>
          <section class="card">
            <h2>{t("console:thread")}</h2>
            <CaseThread t={t} report={r} thread={p.thread} />
            <p class="muted">{r.contactSealed ? t("console:contact_yes") : t("console:contact_no")}</p>
            <form method="post" action={action("reply")}>
              <Csrf token={csrf} />
              <label for="reply-text">
                <strong>{t("console:reply")}</strong> <span class="muted">{t("console:reply_hint")}</span>
              </label>
              <select id="template-pick" aria-label={t("console:templates")}>
                <option value="">{t("console:template_pick")}</option>
                {["received", "question", "safe", "referred"].map((k) => (
                  <option value={p.childT(`console:template_${k}`)}>{p.childT(`console:template_${k}`).slice(0, 60)}…</option>
                ))}
              </select>
              <textarea id="reply-text" name="text" required maxlength={3500}></textarea>
              <button class="primary" type="submit">
                {t("console:reply_send")}
              </button>
            </form>
          </section>
          <section class="card">
            <h2>{t("console:notes")}</h2>
            {p.notes.map((n) => (
              <div class="msg">
                <span class="muted">
                  {who(n.author)} · {fmt(n.createdAt)}
                </span>
                {"\n"}
                {n.body}
              </div>
            ))}
            <form method="post" action={action("note")}>
              <Csrf token={csrf} />
              <textarea name="text" required aria-label={t("console:notes")}></textarea>
              <button type="submit">{t("console:note_add")}</button>
            </form>
          </section>
        </div>
        <div>
          <section class="card">
            <table>
              {field(t("console:category"), t(`report:cat_${r.category}`))}
              {field(t("console:region"), r.region ? t(`report:regions.${r.region}`) : t("console:none"))}
              {field(t("console:created"), fmt(r.createdAt))}
              <tr>
                <th>{t("console:due")}</th>
                <td>
                  <Deadline due={r.slaDueAt} now={new Date()} open={!r.firstResponseAt && !r.closedAt} />
                </td>
              </tr>
              {field(t("console:assignee"), assigneeLabel(t, r.assignee, p.me, p.emails))}
              {field(t("console:reasons"), reasonsLabel(t, r.priorityReasons) || t("console:none"))}
              {field(t("staff:label_involved"), r.involved ? t(`report:who_${r.involved}`) : t("console:none"))}
              {field(t("staff:label_place"), r.place ? t(`report:place_${r.place}`) : t("console:none"))}
              {field(t("staff:label_ongoing"), r.ongoing ? t(`report:ongoing_${r.ongoing}`) : t("console:none"))}
              {field(t("staff:label_age"), ageBandTextKey(r.ageBand) ? t(ageBandTextKey(r.ageBand)!) : t("console:none"))}
              {field(t("staff:label_safe"), r.safeNow ? t(`report:safe_${r.safeNow}`) : t("console:none"))}
            </table>
            <form method="post" action={action(r.assignee === p.me ? "release" : "claim")} class="inline">
              <Csrf token={csrf} />
              <button type="submit">{r.assignee === p.me ? t("console:release") : t("console:claim")}</button>
            </form>
            {p.canReassign && (
              <form method="post" action={action("assign")}>
                <Csrf token={csrf} />
                <label>
                  {t("console:reassign")}{" "}
                  <select name="to">
                    <option value="">{t("console:assignee_none")}</option>
                    {p.staffAccounts.map((a) => (
                      <option value={a.id} selected={a.id === r.assignee}>
                        {a.email}
                      </option>
                    ))}
                  </select>
                </label>{" "}
                <button type="submit">{t("manage:assign_save")}</button>
              </form>
            )}
          </section>
          <section class="card">
            <form method="post" action={action("priority")}>
              <Csrf token={csrf} />
              <label>
                {t("console:priority")}{" "}
                <select name="priority">
                  {PRIORITIES.map((x) => (
                    <option value={x} selected={x === r.priority}>
                      {t(`console:priority_${x}`)}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <button type="submit">{t("manage:priority_save")}</button>
            </form>
            <StatusForm t={t} csrf={csrf} report={r} thread={p.thread} />
          </section>
          <section class="card">
            <h3>{t("console:referrals")}</h3>
            {p.referrals.map((f) => (
              <form method="post" action={`/console/referrals/${f.id}/outcome?case=${r.number}`}>
                <Csrf token={csrf} />
                <p>
                  {t(`console:agency_${f.agency}`)} · {fmt(f.referredAt)}
                  {f.outcome ? ` · ${t("console:outcome")}: ${f.outcome}` : ""}
                </p>
                {!f.outcome && (
                  <>
                    <input name="outcome" required aria-label={t("console:outcome")} />{" "}
                    <button type="submit">{t("console:outcome_save")}</button>
                  </>
                )}
              </form>
            ))}
            <ReferForm t={t} csrf={csrf} report={r} />
          </section>
          <section class="card">
            <form method="post" action={action("merge")}>
              <Csrf token={csrf} />
              <label>
                {t("console:merge")} <input name="into" type="number" min="1" required style="width:6em" />
              </label>{" "}
              <button type="submit">{t("console:merge_do")}</button>
            </form>
            <form method="post" action={action("spam")}>
              <Csrf token={csrf} />
              <label>
                <input type="checkbox" name="block" value="1" /> {t("console:spam_block")}
              </label>{" "}
              <button type="submit">{t("console:spam")}</button>
            </form>
          </section>
          <section class="card">
            <h3>{t("console:history")}</h3>
            <ul>
              {p.history.map((h) => (
                <li>
                  <span class="muted">{fmt(h.createdAt)}</span> {eventLabel(t, h.kind)}
                  {eventDetail(t, h.kind, h.data) && `: ${eventDetail(t, h.kind, h.data)}`} · {who(h.actor)}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}
