// The staff group: claim, priority, spam and block buttons, and replies to the child made by
// replying to a report's message. Only people on the staff allow-list can act.
import { Composer, type Filter } from "grammy";
import type { BotContext } from "../context.js";
import type { ReportRecord } from "../../domain/reports/reports.js";
import type { PriorityLevel } from "../../domain/reports/triage.js";
import { replyToChild } from "../staff/reply.js";

export const staffFeature = new Composer<BotContext>();
const group = staffFeature.filter((ctx) => ctx.chat !== undefined && ctx.chat.id === ctx.services.staff.chatId);

type StaffCallback = Filter<BotContext, "callback_query:data">;

async function staffOnly(ctx: BotContext): Promise<boolean> {
  if (ctx.from && (await ctx.services.staff.isStaff(ctx.from.id))) return true;
  await ctx.answerCallbackQuery({ text: ctx.services.staff.t("staff:not_staff"), show_alert: true });
  return false;
}

async function reportFor(ctx: StaffCallback, number: string): Promise<ReportRecord | undefined> {
  return (await ctx.services.reports.byNumber(Number(number))) ?? undefined;
}

group.callbackQuery(/^st:claim:(\d+)$/, async (ctx) => {
  if (!(await staffOnly(ctx))) return;
  const { reports, staff } = ctx.services;
  const report = await reportFor(ctx, ctx.match[1]!);
  if (!report) return ctx.answerCallbackQuery();
  const won = await reports.claim(report.id, ctx.pseudonym!);
  if (!won) return ctx.answerCallbackQuery({ text: staff.t("staff:claim_lost"), show_alert: true });
  await ctx.answerCallbackQuery({ text: staff.t("staff:claim_won", { number: report.number }) });
  // A staff member's first name is shown to colleagues in the group only; it is not stored.
  await staff.refresh(ctx.api, (await reports.byId(report.id))!, ctx.from.first_name);
});

group.callbackQuery(/^st:prio:(\d+):(URGENT|HIGH|NORMAL|LOW)$/, async (ctx) => {
  if (!(await staffOnly(ctx))) return;
  const { reports, staff } = ctx.services;
  const report = await reportFor(ctx, ctx.match[1]!);
  if (!report) return ctx.answerCallbackQuery();
  await reports.setPriority(report, ctx.pseudonym!, ctx.match[2] as PriorityLevel);
  await ctx.answerCallbackQuery({ text: staff.t("staff:priority_set", { priority: staff.t(`staff:badge_${ctx.match[2]}`) }) });
  await staff.refresh(ctx.api, (await reports.byId(report.id))!);
});

group.callbackQuery(/^st:spam:(\d+)$/, async (ctx) => {
  if (!(await staffOnly(ctx))) return;
  const { reports, staff } = ctx.services;
  const report = await reportFor(ctx, ctx.match[1]!);
  if (!report) return ctx.answerCallbackQuery();
  await reports.markSpam(report, ctx.pseudonym!);
  await ctx.answerCallbackQuery({ text: staff.t("staff:spam_done") });
  await staff.refresh(ctx.api, (await reports.byId(report.id))!);
});

group.callbackQuery(/^st:block:(\d+)$/, async (ctx) => {
  if (!(await staffOnly(ctx))) return;
  const { reports, staff } = ctx.services;
  const report = await reportFor(ctx, ctx.match[1]!);
  if (!report) return ctx.answerCallbackQuery();
  await reports.blockReporter(report, ctx.pseudonym!);
  await ctx.answerCallbackQuery({ text: staff.t("staff:blocked"), show_alert: true });
});

group.callbackQuery(/^st:noop:/, (ctx) => ctx.answerCallbackQuery());

// A reply to the bot's post about a report is a message to that child, signed by the team.
group.on("message", async (ctx) => {
  const replied = ctx.message.reply_to_message;
  if (!replied || replied.from?.id !== ctx.me.id) return;
  const { reports, staff, logger } = ctx.services;
  // The report's own post is known by id; follow-up posts carry the case number ("#12", "№12").
  const number = /[#№]\s?(\d+)/.exec(replied.text ?? "")?.[1];
  const report = (await reports.byStaffMessage(replied.message_id)) ?? (number ? await reports.byNumber(Number(number)) : null);
  if (!report) return;
  if (!(await staff.isStaff(ctx.from.id))) {
    await ctx.reply(staff.t("staff:not_staff"), { reply_parameters: { message_id: ctx.message.message_id } });
    return;
  }
  const text = ctx.message.text?.trim();
  if (!text) {
    await ctx.reply(staff.t("staff:reply_empty"), { reply_parameters: { message_id: ctx.message.message_id } });
    return;
  }
  const outcome = await replyToChild({ api: ctx.api, reports, i18n: ctx.services.i18n, logger }, report, ctx.pseudonym!, text);
  await ctx.reply(staff.t(`staff:reply_${outcome}`), { reply_parameters: { message_id: ctx.message.message_id } });
  await staff.refresh(ctx.api, (await reports.byId(report.id))!);
});
