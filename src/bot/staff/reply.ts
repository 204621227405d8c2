// A staff reply to a child, from the staff group or the console: saved in the thread (sealed),
// then a notification without content goes to the child, if they allowed it.
import type { Api } from "grammy";
import type { I18n } from "../../i18n/i18n.js";
import { isLanguage } from "../../i18n/i18n.js";
import type { Logger } from "../../logger.js";
import type { ReportRecord, ReportService } from "../../domain/reports/reports.js";
import { errorSummary } from "../../logger.js";

export type ReplyOutcome = "sent" | "saved" | "failed";

export async function replyToChild(
  deps: { api: Api; reports: ReportService; i18n: I18n; logger: Logger },
  report: ReportRecord,
  staffId: string,
  text: string,
): Promise<ReplyOutcome> {
  const messageId = await deps.reports.addStaffReply(report, staffId, text);
  const chatId = await deps.reports.contactChatId(report);
  if (chatId === undefined) return "saved";
  const t = deps.i18n.t(isLanguage(report.language) ? report.language : "kk");
  try {
    // The notification carries no content: someone else may see the child's screen.
    await deps.api.sendMessage(chatId, t("followup:new_message"), { reply_markup: { inline_keyboard: [[{ text: t("followup:open"), callback_data: `fu:msg:${messageId}` }]] } });
    return "sent";
  } catch (error) {
    deps.logger.warn({ err: errorSummary(error), report: report.number }, "reply to child not delivered");
    return "failed";
  }
}
