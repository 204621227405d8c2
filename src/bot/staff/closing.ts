// When staff close a case, the child is told, kindly and in their language, that the team has
// finished, and what they can still do: send a new report, call 150, and 112 in danger. The words
// go into the case's thread like a reply (signed by the team); the child's chat gets only the
// usual "You have a new message. Open it?", because someone else may see the screen.
import type { I18n } from "../../i18n/i18n.js";
import { isLanguage } from "../../i18n/i18n.js";
import type { ReportRecord, ReportService } from "../../domain/reports/reports.js";
import type { Outbox } from "../../domain/outbox/outbox.js";
import type { ClosingMessage } from "../../domain/reports/casework.js";
import { notification } from "./reply.js";
import { encodeCallback } from "../callback-data.js";

export async function closingMessage(
  deps: { reports: ReportService; outbox: Outbox; i18n: I18n },
  report: ReportRecord,
): Promise<ClosingMessage> {
  const chatId = await deps.reports.contactChatId(report);
  const t = deps.i18n.t(isLanguage(report.language) ? report.language : "kk");
  return {
    text: t("followup:case_closed", { report: t("common:menu.report"), interpolation: { escapeValue: false } }),
    // Only when the child allowed messages in Telegram; otherwise they read it with their code.
    after: async (tx, messageId) => {
      if (chatId !== undefined)
        await deps.outbox.enqueue(
          tx,
          notification(t, chatId, `notify:${messageId}`, encodeCallback({ kind: "report.message", id: messageId })),
        );
    },
  };
}
