// Words about suicide, self-harm, sexual abuse or immediate danger, anywhere a child types
// them (a report, the menu, a question, a photo's caption): the child gets the right contacts at
// once and the staff on duty are alerted. What the child wrote then goes on to its feature.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { detectRisk } from "../../domain/reports/risk-detection.js";
import { helpRow } from "../screen.js";

// One alert per child per half hour is enough for staff to act; the child is answered every time.
const REALERT_MS = 30 * 60 * 1000;

export const watchForDanger: MiddlewareFn<BotContext> = async (ctx, next) => {
  const text = ctx.message?.text ?? ctx.message?.caption;
  if (!text || text.startsWith("/")) return next();
  const urgent = detectRisk(text).findings.filter((f) => f.level === "urgent");
  if (urgent.length === 0) return next();
  await ctx.reply(ctx.t("report:crisis"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } });
  // A message added to an existing report raises that report and tells staff itself.
  const addingToReport = ctx.session.awaiting?.kind === "thread";
  const now = Date.now();
  if (!addingToReport && (!ctx.session.alertedAt || now - ctx.session.alertedAt > REALERT_MS)) {
    ctx.session.alertedAt = now;
    const draft = ctx.session.flow?.id === "report" ? ctx.session.flow : undefined;
    if (draft) draft.answers.alerted = "yes";
    await ctx.services.staff.alertDraft(ctx.api, urgent, draft ? "draft" : "outside");
  }
  await next();
};
