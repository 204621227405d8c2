// The ombudsman staff group on Telegram: new reports, urgent alerts and follow-ups go there,
// copied as text (never forwarded, so nothing identifies the child), with buttons to act.
import type { Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { I18n, Language } from "../../i18n/i18n.js";
import type { Logger } from "../../logger.js";
import type { Pseudonymizer } from "../../domain/privacy/pseudonym.js";
import type { ReportContent, ReportRecord, ReportService } from "../../domain/reports/reports.js";
import type { RiskFinding } from "../../domain/reports/risk-detection.js";
import { errorSummary } from "../../logger.js";
import { escapeHtml } from "../screen.js";
import { ageBandTextKey } from "../../domain/reports/age-bands.js";

const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;

export interface StaffDeskOptions {
  chatId: string | undefined;
  staffUserIds: number[];
  language: Language;
  /** Telegram allows about 20 messages a minute in a group; past this, reports share a digest. */
  postsPerMinute: number;
  i18n: I18n;
  logger: Logger;
  pseudonyms: Pseudonymizer;
  reports: ReportService;
}

export type StaffDesk = ReturnType<typeof createStaffDesk>;

export function createStaffDesk(o: StaffDeskOptions) {
  const chatId = o.chatId ? Number(o.chatId) : undefined;
  const t = o.i18n.t(o.language);
  let allowList: Promise<Set<string>> | undefined;
  // Posting rate, per process: enough to keep one instance within Telegram's group limit.
  const recentPosts: number[] = [];
  let digest: { messageId: number; items: string[]; at: number } | undefined;

  const label = (key: string | null | undefined, prefix: string) => (key ? o.i18n.t(o.language)(`report:${prefix}${key}`) : t("staff:not_given"));

  function render(report: ReportRecord, content: ReportContent, assigneeName?: string): { text: string; rows: InlineKeyboardButton[][] } {
    const line = (k: string, v: string) => `<b>${t(`staff:label_${k}`)}:</b> ${v}`;
    const reasons = report.priorityReasons.map((r) => (r.startsWith("risk:") ? t(`staff:signal_${r.slice(5)}`) : t(`staff:reason_${r}`))).join(", ");
    const due = report.slaDueAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
    const text = [
      `${t(`staff:badge_${report.priority}`)} · <b>${t("staff:case", { number: report.number, hint: report.codeHint })}</b>`,
      "",
      line("category", escapeHtml(label(report.category, "cat_"))),
      line("involved", escapeHtml(label(report.involved, "who_"))),
      line("place", `${escapeHtml(label(report.place, "place_"))} · ${t("staff:label_ongoing")}: ${escapeHtml(label(report.ongoing, "ongoing_"))}`),
      line("region", escapeHtml(report.region ? o.i18n.t(o.language)(`report:regions.${report.region}`) : t("staff:not_given"))),
      line("age", escapeHtml(ageBandTextKey(report.ageBand) ? t(ageBandTextKey(report.ageBand)!) : t("staff:not_given"))),
      line("safe", escapeHtml(label(report.safeNow, "safe_"))),
      ...(reasons ? [line("flags", escapeHtml(reasons))] : []),
      line("contact", report.contactSealed ? t("staff:yes") : t("staff:no")),
      line("language", report.language),
      ...(content.school ? [line("school", escapeHtml(content.school))] : []),
      ...(content.attachments.length ? [line("files", String(content.attachments.length))] : []),
      "",
      `<blockquote>${escapeHtml(content.words)}</blockquote>`,
      "",
      line("due", due),
      line("status", t(`staff:status_${report.status}`)),
      ...(assigneeName ? [line("assignee", escapeHtml(assigneeName))] : []),
      "",
      `<i>${t("staff:reply_hint")}</i>`,
    ].join("\n");
    return { text, rows: keyboard(report, assigneeName) };
  }

  function keyboard(report: ReportRecord, assigneeName?: string): InlineKeyboardButton[][] {
    if (report.status === "SPAM") return [[{ text: t("staff:block"), callback_data: `st:block:${report.number}` }]];
    // A closed case has nothing left to press in the group; the console has its history.
    if (report.status === "CLOSED" || report.status === "DUPLICATE") return [];
    const first: InlineKeyboardButton[] = [
      assigneeName || report.assignee
        ? { text: `🙋 ${assigneeName ?? t("staff:status_IN_PROGRESS")}`, callback_data: `st:noop:${report.number}` }
        : { text: t("staff:claim"), callback_data: `st:claim:${report.number}` },
      { text: t("staff:spam"), callback_data: `st:spam:${report.number}` },
    ];
    const priorities = PRIORITIES.map((p) => ({
      text: `${report.priority === p ? "• " : ""}${t(`staff:badge_${p}`)}`,
      callback_data: `st:prio:${report.number}:${p}`,
    }));
    return [first, priorities.slice(0, 2), priorities.slice(2)];
  }

  async function send(api: Api, text: string, rows?: InlineKeyboardButton[][], replyTo?: number): Promise<number | undefined> {
    if (chatId === undefined) {
      o.logger.warn({}, "STAFF_CHAT_ID not set: staff alert not sent (the report is in the database)");
      return undefined;
    }
    try {
      const message = await api.sendMessage(chatId, text, {
        parse_mode: "HTML",
        ...(rows ? { reply_markup: { inline_keyboard: rows } } : {}),
        ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      });
      recentPosts.push(Date.now());
      return message.message_id;
    } catch (error) {
      // The child must never lose their report because the staff group is unreachable.
      o.logger.error({ err: errorSummary(error) }, "staff group post failed");
      return undefined;
    }
  }

  function busy(): boolean {
    const minuteAgo = Date.now() - 60_000;
    while (recentPosts.length && recentPosts[0]! < minuteAgo) recentPosts.shift();
    return recentPosts.length >= o.postsPerMinute;
  }

  return {
    chatId,

    /** Whether a person (by pseudonym, as on every update) is on the staff allow-list. */
    async isStaff(pseudonym: string | undefined): Promise<boolean> {
      allowList ??= Promise.all(o.staffUserIds.map((id) => o.pseudonyms.forUser(id))).then((list) => new Set(list));
      return pseudonym !== undefined && (await allowList).has(pseudonym);
    },

    /** Posts a new report; urgent ones always get their own message, others may share a digest. */
    async postReport(api: Api, report: ReportRecord): Promise<void> {
      const content = await o.reports.content(report);
      if (report.priority !== "URGENT" && busy()) {
        const item = t("staff:digest_item", { number: report.number, badge: t(`staff:badge_${report.priority}`), category: label(report.category, "cat_"), region: report.region ? o.i18n.t(o.language)(`report:regions.${report.region}`) : t("staff:not_given") });
        if (digest && Date.now() - digest.at < 60_000) {
          digest.items.push(item);
          await api.editMessageText(chatId!, digest.messageId, t("staff:digest", { items: digest.items.join("\n"), interpolation: { escapeValue: false } }), { parse_mode: "HTML" }).catch((e) => o.logger.warn({ err: errorSummary(e) }, "digest edit failed"));
          return;
        }
        const messageId = await send(api, t("staff:digest", { items: item, interpolation: { escapeValue: false } }));
        if (messageId) digest = { messageId, items: [item], at: Date.now() };
        return;
      }
      const { text, rows } = render(report, content);
      const messageId = await send(api, text, rows);
      if (messageId) await o.reports.setStaffMessage(report.id, messageId);
    },

    /** An alert before any report exists: while one is being written, or words typed elsewhere. */
    async alertDraft(api: Api, findings: RiskFinding[] | "unsafe", where: "draft" | "outside"): Promise<void> {
      const signals = findings === "unsafe" ? t("staff:reason_not_safe_now") : [...new Set(findings.map((f) => t(`staff:signal_${f.signal}`)))].join(", ");
      await send(api, t(where === "draft" ? "staff:alert_draft" : "staff:alert_outside", { signals }));
    },

    async postFollowup(api: Api, report: ReportRecord, text: string, raisedToUrgent: RiskFinding[] | undefined): Promise<void> {
      if (raisedToUrgent?.length) {
        const signals = [...new Set(raisedToUrgent.map((f) => t(`staff:signal_${f.signal}`)))].join(", ");
        await send(api, t("staff:followup_urgent", { number: report.number, signals }), undefined, report.staffMessageId ?? undefined);
      }
      const messageId = await send(api, t("staff:followup", { number: report.number, text }), undefined, report.staffMessageId ?? undefined);
      if (messageId) await o.reports.recordStaffPost(report.id, messageId);
    },

    /** Re-renders a report's message after a change made by staff. */
    async refresh(api: Api, report: ReportRecord, assigneeName?: string): Promise<void> {
      if (chatId === undefined || !report.staffMessageId) return;
      const { text, rows } = render(report, await o.reports.content(report), assigneeName);
      await api.editMessageText(chatId, report.staffMessageId, text, { parse_mode: "HTML", reply_markup: { inline_keyboard: rows } }).catch((e) => {
        if (!String(e).includes("not modified")) o.logger.warn({ err: errorSummary(e) }, "staff message edit failed");
      });
    },

    /** Replaces a case's post with a note once retention has deleted the case's content. */
    async redact(api: Api, number: number, staffMessageId: number): Promise<void> {
      if (chatId === undefined) return;
      await api.editMessageText(chatId, staffMessageId, t("staff:redacted", { number }), { reply_markup: { inline_keyboard: [] } }).catch((e) => o.logger.warn({ err: errorSummary(e) }, "staff post redaction failed"));
    },

    t,
  };
}
