// The ombudsman staff group on Telegram: new reports, urgent alerts and follow-ups go there,
// copied as text (never forwarded, so nothing identifies the child), with buttons to act. What
// must arrive is written to the outbox (src/domain/outbox) and sent by the dispatcher; only
// redrawing a post after a button press goes out directly.
import type { Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { I18n, Language } from "../../i18n/i18n.js";
import type { Logger } from "../../logger.js";
import type { Pseudonymizer } from "../../domain/privacy/pseudonym.js";
import type { ReportContent, ReportRecord, ReportService } from "../../domain/reports/reports.js";
import type { RiskFinding } from "../../domain/reports/risk-detection.js";
import type { SignalRecord } from "../../domain/signals/signals.js";
import { errorSummary } from "../../logger.js";
import type { DbLike, Outbox, OutboxItem } from "../../domain/outbox/outbox.js";
import { cutToUnits, MESSAGE_MAX_UNITS } from "../../domain/telegram-limits.js";
import { escapeHtml } from "../screen.js";
import { ageBandTextKey } from "../../domain/reports/age-bands.js";

const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;

export interface StaffDeskOptions {
  chatId: string | undefined;
  staffUserIds: number[];
  language: Language;
  i18n: I18n;
  logger: Logger;
  pseudonyms: Pseudonymizer;
  reports: ReportService;
  outbox: Outbox;
  /** Where rows are written outside a caller's transaction. */
  db: DbLike;
}

export type StaffDesk = ReturnType<typeof createStaffDesk>;

/** Room kept for everything around the child's words in a post (labels, buttons' text is apart). */
const FRAME_UNITS = 900;

export function createStaffDesk(o: StaffDeskOptions) {
  const chatId = o.chatId ? Number(o.chatId) : undefined;
  const t = o.i18n.t(o.language);
  let allowList: Promise<Set<string>> | undefined;

  const label = (key: string | null | undefined, prefix: string) => (key ? t(`report:${prefix}${key}`) : t("staff:not_given"));
  const regionName = (region: string | null) => (region ? t(`report:regions.${region}`) : t("staff:not_given"));
  /** The child's words as they fit in one message; the console always has all of them. */
  const quote = (words: string, number: number, room: number) => cutToUnits(words, room, t("staff:cut", { number }));

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
      line("region", escapeHtml(regionName(report.region))),
      line("age", escapeHtml(ageBandTextKey(report.ageBand) ? t(ageBandTextKey(report.ageBand)!) : t("staff:not_given"))),
      line("safe", escapeHtml(label(report.safeNow, "safe_"))),
      ...(reasons ? [line("flags", escapeHtml(reasons))] : []),
      line("contact", report.contactSealed ? t("staff:yes") : t("staff:no")),
      line("language", report.language),
      ...(content.school ? [line("school", escapeHtml(content.school))] : []),
      ...(content.attachments.length ? [line("files", String(content.attachments.length))] : []),
      "",
      `<blockquote>${escapeHtml(quote(content.words, report.number, MESSAGE_MAX_UNITS - FRAME_UNITS - (content.school?.length ?? 0)))}</blockquote>`,
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

  function message(text: string, rows?: InlineKeyboardButton[][], replyTo?: number | null): Record<string, unknown> {
    return {
      text,
      parse_mode: "HTML",
      ...(rows ? { reply_markup: { inline_keyboard: rows } } : {}),
      ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    };
  }

  function noGroup(what: string): boolean {
    if (chatId !== undefined) return false;
    o.logger.warn({ what }, "STAFF_CHAT_ID not set: nothing posted to a staff group (it is in the console)");
    return true;
  }

  return {
    chatId,

    /** Whether a person (by pseudonym, as on every update) is on the staff allow-list. */
    async isStaff(pseudonym: string | undefined): Promise<boolean> {
      allowList ??= Promise.all(o.staffUserIds.map((id) => o.pseudonyms.forUser(id))).then((list) => new Set(list));
      return pseudonym !== undefined && (await allowList).has(pseudonym);
    },

    /**
     * A new report's post, for the outbox (written in the report's own transaction). Urgent ones
     * always get their own message; others may share a digest when the group is busy.
     */
    reportPost(report: ReportRecord, content: ReportContent): OutboxItem | undefined {
      if (noGroup("report")) return undefined;
      const { text, rows } = render(report, content);
      const urgent = report.priority === "URGENT";
      const digestLine = t("staff:digest_item", { number: report.number, badge: t(`staff:badge_${report.priority}`), category: label(report.category, "cat_"), region: regionName(report.region) });
      return {
        key: `report-post:${report.id}`,
        target: { to: "staff" },
        method: "sendMessage",
        payload: message(text, rows),
        after: { kind: "report_post", reportId: report.id },
        rank: urgent ? 0 : report.priority === "HIGH" ? 3 : 5,
        ...(urgent ? {} : { digestLine }),
      };
    },

    /** Danger heard outside a sent report: one alert per signal, before anything else waiting. */
    async alertSignal(signal: SignalRecord, tx: DbLike = o.db): Promise<void> {
      if (noGroup("signal")) return;
      const signals = signal.signals.map((s) => (s === "not_safe_now" ? t("staff:reason_not_safe_now") : t(`staff:signal_${s}`))).join(", ");
      const text = t(signal.place === "draft" ? "staff:alert_draft" : "staff:alert_outside", { signals, reference: signal.reference });
      await o.outbox.enqueue(tx, { key: `signal-alert:${signal.id}`, target: { to: "staff" }, method: "sendMessage", payload: message(text), rank: 0 });
    },

    /** The child added a message to a report (and, if it raised the report, an urgent notice first). */
    followupPosts(report: ReportRecord, messageId: string, text: string, raisedToUrgent: RiskFinding[] | undefined): OutboxItem[] {
      if (noGroup("followup")) return [];
      const items: OutboxItem[] = [];
      if (raisedToUrgent?.length) {
        const signals = [...new Set(raisedToUrgent.map((f) => t(`staff:signal_${f.signal}`)))].join(", ");
        items.push({ key: `followup-urgent:${messageId}`, target: { to: "staff" }, method: "sendMessage", payload: message(t("staff:followup_urgent", { number: report.number, signals }), undefined, report.staffMessageId), rank: 0 });
      }
      const body = quote(text, report.number, MESSAGE_MAX_UNITS - 300);
      items.push({
        key: `followup:${messageId}`,
        target: { to: "staff" },
        method: "sendMessage",
        payload: message(t("staff:followup", { number: report.number, text: body }), undefined, report.staffMessageId),
        after: { kind: "followup_post", reportId: report.id },
        rank: raisedToUrgent?.length ? 0 : 4,
      });
      return items;
    },

    /** One message for several non-urgent reports, never longer than Telegram allows. */
    digest(lines: string[]): { text: string; used: number } {
      const frame = t("staff:digest", { items: "", interpolation: { escapeValue: false } });
      const room = MESSAGE_MAX_UNITS - frame.length - 50;
      let used = 0;
      let size = 0;
      for (const l of lines) {
        if (size + l.length + 1 > room) break;
        size += l.length + 1;
        used++;
      }
      const items = lines.slice(0, Math.max(used, 1)).join("\n");
      return { text: t("staff:digest", { items, interpolation: { escapeValue: false } }), used: Math.max(used, 1) };
    },

    /** Re-renders a report's message after a change made by staff (best effort: it is redrawn on the next change). */
    async refresh(api: Api, report: ReportRecord, assigneeName?: string): Promise<void> {
      if (chatId === undefined || !report.staffMessageId) return;
      const { text, rows } = render(report, await o.reports.content(report), assigneeName);
      await api.editMessageText(chatId, report.staffMessageId, text, { parse_mode: "HTML", reply_markup: { inline_keyboard: rows } }).catch((e) => {
        if (!String(e).includes("not modified")) o.logger.warn({ err: errorSummary(e) }, "staff message edit failed");
      });
    },

    /** Replaces a post that quotes a child once retention has deleted the case's content. */
    async redact(number: number, staffMessageId: number, tx: DbLike = o.db): Promise<void> {
      if (chatId === undefined) return;
      await o.outbox.enqueue(tx, {
        key: `redact:${number}:${staffMessageId}`,
        target: { to: "staff" },
        method: "editMessageText",
        payload: { message_id: staffMessageId, text: t("staff:redacted", { number }), reply_markup: { inline_keyboard: [] } },
        rank: 6,
      });
    },

    t,
  };
}
