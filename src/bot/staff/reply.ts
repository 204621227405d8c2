// A staff reply to a child, from the staff group or the console: saved in the thread (sealed),
// and, in the same transaction, a notification without content for the outbox to deliver, if
// the child allowed it. "sent" means queued for delivery; the dispatcher retries until done.
import type { I18n, Translate } from "../../i18n/i18n.js";
import { isLanguage } from "../../i18n/i18n.js";
import type { ReportRecord, ReportService } from "../../domain/reports/reports.js";
import type { Outbox, OutboxItem } from "../../domain/outbox/outbox.js";
import type { SignalRecord, SignalService } from "../../domain/signals/signals.js";
import { encodeCallback } from "../callback-data.js";

export type ReplyOutcome = "sent" | "saved";

export async function replyToChild(
  deps: { reports: ReportService; outbox: Outbox; i18n: I18n },
  report: ReportRecord,
  staffId: string,
  text: string,
): Promise<ReplyOutcome> {
  const chatId = await deps.reports.contactChatId(report);
  const t = deps.i18n.t(isLanguage(report.language) ? report.language : "kk");
  await deps.reports.addStaffReply(report, staffId, text, async (tx, messageId) => {
    if (chatId !== undefined)
      await deps.outbox.enqueue(
        tx,
        notification(t, chatId, `notify:${messageId}`, encodeCallback({ kind: "report.message", id: messageId })),
      );
  });
  return chatId === undefined ? "saved" : "sent";
}

/** A reply to a danger signal: only when the child tapped "The team may write to me here". */
export async function replyToSignal(
  deps: { signals: SignalService; outbox: Outbox; i18n: I18n },
  signal: SignalRecord,
  staffId: string,
  text: string,
): Promise<ReplyOutcome> {
  const chatId = await deps.signals.contactChatId(signal);
  if (chatId === undefined) return "saved";
  const t = deps.i18n.t(isLanguage(signal.language) ? signal.language : "kk");
  await deps.signals.addReply(signal, staffId, text, async (tx, messageId) => {
    await deps.outbox.enqueue(
      tx,
      notification(t, chatId, `notify-signal:${messageId}`, encodeCallback({ kind: "listen.reply", message: messageId })),
    );
  });
  return "sent";
}

/** The notification carries no content: someone else may see the child's screen. */
export function notification(t: Translate, chatId: number, key: string, open: string): OutboxItem {
  return {
    key,
    target: { to: "child", chatId },
    method: "sendMessage",
    payload: { text: t("followup:new_message"), reply_markup: { inline_keyboard: [[{ text: t("followup:open"), callback_data: open }]] } },
    rank: 2,
  };
}
