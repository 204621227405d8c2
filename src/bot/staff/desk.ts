// The ombudsman staff group on Telegram: new reports, urgent alerts and follow-ups go there,
// copied as text (never forwarded, so nothing identifies the child), with buttons to act. What
// must arrive is written to the outbox (src/domain/outbox) and sent by the dispatcher; only
// redrawing a post after a button press goes out directly.
//
// A group is wider than the console: everyone in it reads every post. So by default a post is a
// summary (STAFF_GROUP_DETAIL=summary) and the child's words are read in the console, where each
// view is logged and operators see only their regions; the ombudsman may choose `full`, and each
// post that then shows the words is logged as a view by the group. With STAFF_CHATS each region
// has its own group (`*` for the rest and for alerts), and a group acts only on its own cases.
import type { Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { I18n, Language } from "../../i18n/i18n.js";
import type { Logger } from "../../logger.js";
import type { Pseudonymizer } from "../../domain/privacy/pseudonym.js";
import type { ReportContent, ReportRecord, ReportService } from "../../domain/reports/reports.js";
import type { RiskFinding } from "../../domain/reports/risk-detection.js";
import type { SignalRecord } from "../../domain/signals/signals.js";
import { errorSummary } from "../../logger.js";
import type { ClaimedMessage, DbLike, Outbox, OutboxItem, OutboxTarget } from "../../domain/outbox/outbox.js";
import type { Db } from "../../db/client.js";
import { cutToUnits, MESSAGE_MAX_UNITS } from "../../domain/telegram-limits.js";
import { escapeHtml } from "../screen.js";
import { encodeCallback } from "../callback-data.js";
import { ageBandTextKey } from "../../domain/reports/age-bands.js";
import { reasonTextKey } from "../../domain/reports/triage.js";
import { localDateTime } from "../../domain/local-time.js";

const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;

export interface StaffDeskOptions {
  /** The default group (STAFF_CHAT_ID): the `*` of `chats` when that has none. */
  chatId: string | undefined;
  /** Groups by region key (STAFF_CHATS), `*` for reports without a group of their own and for alerts. */
  chats?: Record<string, string>;
  /** What a post shows (STAFF_GROUP_DETAIL); a summary unless the ombudsman chose `full`. */
  detail?: "summary" | "full";
  /** PUBLIC_URL: a post's "show the text" button opens the case in the console there. */
  publicUrl?: string | undefined;
  staffUserIds: number[];
  language: Language;
  /** Deadlines are shown in this zone (CONSOLE_TIME_ZONE), with the offset written out. */
  timeZone: string;
  i18n: I18n;
  logger: Logger;
  pseudonyms: Pseudonymizer;
  reports: ReportService;
  outbox: Outbox;
  /** Where rows are written outside a caller's transaction; views are logged there too. */
  db: DbLike & Pick<Db, "auditEntry" | "report">;
}

export type StaffDesk = ReturnType<typeof createStaffDesk>;

/** Room kept for everything around the child's words in a post (labels, buttons' text is apart). */
const FRAME_UNITS = 900;

export function createStaffDesk(o: StaffDeskOptions) {
  const chats = new Map(Object.entries(o.chats ?? {}).map(([key, id]) => [key, Number(id)]));
  if (!chats.has("*") && o.chatId) chats.set("*", Number(o.chatId));
  /** The default group (`*`). */
  const chatId = chats.get("*");
  const full = o.detail === "full";
  const t = o.i18n.t(o.language);
  /** The key of the group a report's posts go to: its region's own group, or `*`. */
  const groupKey = (region: string | null | undefined): string => (region && region !== "*" && chats.has(region) ? region : "*");
  /** A group by key; a key no longer configured (an older outbox row) falls back to `*`. */
  const chatFor = (key: string | undefined): number | undefined => chats.get(key ?? "*") ?? chatId;
  const target = (region: string | null | undefined): OutboxTarget => ({ to: "staff", chat: groupKey(region) });
  const consoleLink = (number: number) => (o.publicUrl ? `${o.publicUrl.replace(/\/+$/, "")}/console/reports/${number}` : undefined);
  const consoleRow = (number: number, text = t("staff:show_text")): InlineKeyboardButton[][] => {
    const url = consoleLink(number);
    return url ? [[{ text, url }]] : [];
  };
  let allowList: Promise<Set<string>> | undefined;

  const label = (key: string | null | undefined, prefix: string) => (key ? t(`report:${prefix}${key}`) : t("staff:not_given"));
  const regionName = (region: string | null) => (region ? t(`report:regions.${region}`) : t("staff:not_given"));
  /** The child's words as they fit in one message; the console always has all of them. */
  const quote = (words: string, number: number, room: number) => cutToUnits(words, room, t("staff:cut", { number }));

  /**
   * The post in summary mode: enough to triage and claim, nothing the child wrote (no words, no
   * school or town, no follow-ups); the console has the rest.
   */
  function renderSummary(report: ReportRecord, assigneeName?: string): { text: string; rows: InlineKeyboardButton[][] } {
    const line = (k: string, v: string) => `<b>${t(`staff:label_${k}`)}:</b> ${v}`;
    const reasons = report.priorityReasons.map((r) => t(reasonTextKey(r), { defaultValue: r })).join(", ");
    const due = localDateTime(o.timeZone, report.slaDueAt);
    const text = [
      `${t(`staff:badge_${report.priority}`)} · <b>${t("staff:case_short", { number: report.number })}</b>`,
      "",
      line("category", escapeHtml(label(report.category, "cat_"))),
      line("region", escapeHtml(regionName(report.region))),
      line("age", escapeHtml(ageBandTextKey(report.ageBand) ? t(ageBandTextKey(report.ageBand)!) : t("staff:not_given"))),
      ...(reasons ? [line("flags", escapeHtml(reasons))] : []),
      line("due", due),
      line("status", t(`staff:status_${report.status}`)),
      ...(assigneeName ? [line("assignee", escapeHtml(assigneeName))] : []),
      "",
      `<i>${t("staff:in_console", { number: report.number })}</i>`,
      `<i>${t("staff:reply_hint")}</i>`,
    ].join("\n");
    return { text, rows: [...keyboard(report, assigneeName), ...consoleRow(report.number)] };
  }

  function render(report: ReportRecord, content: ReportContent, assigneeName?: string): { text: string; rows: InlineKeyboardButton[][] } {
    const line = (k: string, v: string) => `<b>${t(`staff:label_${k}`)}:</b> ${v}`;
    const reasons = report.priorityReasons.map((r) => t(reasonTextKey(r), { defaultValue: r })).join(", ");
    const due = localDateTime(o.timeZone, report.slaDueAt);
    const text = [
      `${t(`staff:badge_${report.priority}`)} · <b>${t("staff:case", { number: report.number, hint: report.codeHint })}</b>`,
      "",
      line("category", escapeHtml(label(report.category, "cat_"))),
      line("involved", escapeHtml(label(report.involved, "who_"))),
      line(
        "place",
        `${escapeHtml(label(report.place, "place_"))} · ${t("staff:label_ongoing")}: ${escapeHtml(label(report.ongoing, "ongoing_"))}`,
      ),
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
    // The files are never copied into the group, even in full mode: they open in the console.
    return {
      text,
      rows: [...keyboard(report, assigneeName), ...(content.attachments.length ? consoleRow(report.number, t("staff:open_case")) : [])],
    };
  }

  function keyboard(report: ReportRecord, assigneeName?: string): InlineKeyboardButton[][] {
    if (report.status === "SPAM")
      return [[{ text: t("staff:block"), callback_data: encodeCallback({ kind: "staff.block", report: report.number }) }]];
    // A closed case has nothing left to press in the group; the console has its history.
    if (report.status === "CLOSED" || report.status === "DUPLICATE") return [];
    const first: InlineKeyboardButton[] = [
      assigneeName || report.assignee
        ? {
            text: `🙋 ${assigneeName ?? t("staff:status_IN_PROGRESS")}`,
            callback_data: encodeCallback({ kind: "staff.noop", report: report.number }),
          }
        : { text: t("staff:claim"), callback_data: encodeCallback({ kind: "staff.claim", report: report.number }) },
      { text: t("staff:spam"), callback_data: encodeCallback({ kind: "staff.spam", report: report.number }) },
    ];
    const priorities = PRIORITIES.map((p) => ({
      text: `${report.priority === p ? "• " : ""}${t(`staff:badge_${p}`)}`,
      callback_data: encodeCallback({ kind: "staff.priority", report: report.number, priority: p }),
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

  function noGroup(what: string, region?: string | null): boolean {
    if (chatFor(groupKey(region)) !== undefined) return false;
    o.logger.warn({ what }, "STAFF_CHAT_ID not set: nothing posted to a staff group (it is in the console)");
    return true;
  }

  return {
    /** The default group (`*`): STAFF_CHAT_ID, or STAFF_CHATS' `*`. */
    chatId,
    detail: full ? ("full" as const) : ("summary" as const),

    /** The chat a staff outbox row goes to, by the group key it carries (none: the default group). */
    chatFor,

    /** Every configured group once, with the keys of the outbox rows it receives (undefined: `*`). */
    groups(): { chatId: number; keys: (string | undefined)[] }[] {
      const byChat = new Map<number, (string | undefined)[]>();
      for (const [key, id] of chats) byChat.set(id, [...(byChat.get(id) ?? []), key === "*" ? undefined : key]);
      return [...byChat].map(([id, keys]) => ({ chatId: id, keys }));
    },

    /** Whether a chat is one of the staff groups. */
    isGroup(chat: number): boolean {
      return [...chats.values()].includes(chat);
    },

    /** Whether a report is this group's to act on: its region's group (or `*` when it has none). */
    owns(chat: number, report: Pick<ReportRecord, "region">): boolean {
      return chatFor(groupKey(report.region)) === chat;
    },

    /**
     * After the dispatcher sent a staff row: a post that showed the child's words to the whole
     * group is a view of the case, logged like the console's `case.view`.
     */
    async delivered(message: ClaimedMessage): Promise<void> {
      const number = message.after?.shows;
      if (typeof number !== "number") return;
      await o.db.auditEntry.create({
        data: {
          actor: "bot",
          action: "group.post_full",
          target: String(number),
          detail: { group: message.staffChat ?? "*", post: message.after!.kind },
        },
      });
    },

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
      if (noGroup("report", report.region)) return undefined;
      const { text, rows } = full ? render(report, content) : renderSummary(report);
      const urgent = report.priority === "URGENT";
      const digestLine = t("staff:digest_item", {
        number: report.number,
        badge: t(`staff:badge_${report.priority}`),
        category: label(report.category, "cat_"),
        region: regionName(report.region),
      });
      return {
        key: `report-post:${report.id}`,
        target: target(report.region),
        method: "sendMessage",
        payload: message(text, rows),
        after: { kind: "report_post", reportId: report.id, ...(full ? { shows: report.number } : {}) },
        rank: urgent ? 0 : report.priority === "HIGH" ? 3 : 5,
        ...(urgent ? {} : { digestLine }),
      };
    },

    /** Danger heard outside a sent report: one alert per signal, before anything else waiting. */
    async alertSignal(signal: SignalRecord, tx: DbLike = o.db): Promise<void> {
      if (noGroup("signal")) return;
      const signals = signal.signals
        .map((s) => (s === "not_safe_now" ? t("staff:reason_not_safe_now") : t(`staff:signal_${s}`)))
        .join(", ");
      const text = t(signal.place === "draft" ? "staff:alert_draft" : "staff:alert_outside", { signals, reference: signal.reference });
      // A signal has no region: it goes to the default group.
      await o.outbox.enqueue(tx, {
        key: `signal-alert:${signal.id}`,
        target: target(null),
        method: "sendMessage",
        payload: message(text),
        rank: 0,
      });
    },

    /** The child added a message to a report (and, if it raised the report, an urgent notice first). */
    followupPosts(report: ReportRecord, messageId: string, text: string, raisedToUrgent: RiskFinding[] | undefined): OutboxItem[] {
      if (noGroup("followup", report.region)) return [];
      const items: OutboxItem[] = [];
      if (raisedToUrgent?.length) {
        const signals = [...new Set(raisedToUrgent.map((f) => t(`staff:signal_${f.signal}`)))].join(", ");
        items.push({
          key: `followup-urgent:${messageId}`,
          target: target(report.region),
          method: "sendMessage",
          payload: message(t("staff:followup_urgent", { number: report.number, signals }), undefined, report.staffMessageId),
          rank: 0,
        });
      }
      // In summary mode only that the child wrote; the words are read in the console.
      const payload = full
        ? message(
            t("staff:followup", { number: report.number, text: quote(text, report.number, MESSAGE_MAX_UNITS - 300) }),
            undefined,
            report.staffMessageId,
          )
        : message(
            t("staff:followup_summary", { number: report.number }),
            consoleRow(report.number).length ? consoleRow(report.number) : undefined,
            report.staffMessageId,
          );
      items.push({
        key: `followup:${messageId}`,
        target: target(report.region),
        method: "sendMessage",
        payload,
        after: { kind: "followup_post", reportId: report.id, ...(full ? { shows: report.number } : {}) },
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
      const chat = chatFor(groupKey(report.region));
      if (chat === undefined || !report.staffMessageId) return;
      const { text, rows } = full ? render(report, await o.reports.content(report), assigneeName) : renderSummary(report, assigneeName);
      await api
        .editMessageText(chat, report.staffMessageId, text, { parse_mode: "HTML", reply_markup: { inline_keyboard: rows } })
        .catch((e) => {
          if (!String(e).includes("not modified")) o.logger.warn({ err: errorSummary(e) }, "staff message edit failed");
        });
    },

    /** Replaces a post that quotes a child once retention has deleted the case's content. */
    async redact(number: number, staffMessageId: number, tx: DbLike & Pick<Db, "report"> = o.db): Promise<void> {
      // The posts are in the group of the case's region (the anonymous fields outlive retention).
      const region = (await tx.report.findUnique({ where: { number }, select: { region: true } }))?.region;
      if (chatFor(groupKey(region)) === undefined) return;
      await o.outbox.enqueue(tx, {
        key: `redact:${number}:${staffMessageId}`,
        target: target(region),
        method: "editMessageText",
        payload: { message_id: staffMessageId, text: t("staff:redacted", { number }), reply_markup: { inline_keyboard: [] } },
        rank: 6,
      });
    },

    t,
  };
}
