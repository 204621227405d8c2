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
  if (await ctx.services.staff.isStaff(ctx.pseudonym)) return true;
  await ctx.answerCallbackQuery({ text: ctx.services.staff.t("staff:not_staff"), show_alert: true });
  return false;
}

async function reportFor(ctx: StaffCallback, number: string): Promise<ReportRecord | undefined> {
  return (await ctx.services.reports.byNumber(Number(number))) ?? undefined;
}

/**
 * A button on a report's post: only staff may press it; `run` acts and returns the toast to
 * show (and whether the post needs redrawing).
 */
function reportButton(pattern: RegExp, run: (ctx: StaffCallback, report: ReportRecord, arg: string | undefined) => Promise<{ toast: string; alert?: boolean; refresh?: boolean; assigneeName?: string }>) {
  group.callbackQuery(pattern, async (ctx) => {
    if (!(await staffOnly(ctx))) return;
    const report = await reportFor(ctx, ctx.match![1]!);
    if (!report) return ctx.answerCallbackQuery();
    const result = await run(ctx, report, ctx.match![2]);
    await ctx.answerCallbackQuery({ text: result.toast, show_alert: result.alert ?? false });
    if (result.refresh !== false) await ctx.services.staff.refresh(ctx.api, (await ctx.services.reports.byId(report.id))!, result.assigneeName);
  });
}

reportButton(/^st:claim:(\d+)$/, async (ctx, report) => {
  const { reports, staff } = ctx.services;
  if (!(await reports.claim(report.id, ctx.pseudonym!))) return { toast: staff.t("staff:claim_lost"), alert: true, refresh: false };
  // A staff member's first name is shown to colleagues in the group only; it is not stored.
  return { toast: staff.t("staff:claim_won", { number: report.number }), assigneeName: ctx.from.first_name };
});

reportButton(/^st:prio:(\d+):(URGENT|HIGH|NORMAL|LOW)$/, async (ctx, report, priority) => {
  await ctx.services.reports.setPriority(report, ctx.pseudonym!, priority as PriorityLevel);
  return { toast: ctx.services.staff.t("staff:priority_set", { priority: ctx.services.staff.t(`staff:badge_${priority}`) }) };
});

reportButton(/^st:spam:(\d+)$/, async (ctx, report) => {
  await ctx.services.reports.markSpam(report, ctx.pseudonym!);
  return { toast: ctx.services.staff.t("staff:spam_done") };
});

reportButton(/^st:block:(\d+)$/, async (ctx, report) => {
  await ctx.services.reports.blockReporter(report, ctx.pseudonym!);
  return { toast: ctx.services.staff.t("staff:blocked"), alert: true, refresh: false };
});

group.callbackQuery(/^st:noop:/, (ctx) => ctx.answerCallbackQuery());

// A reply to the bot's post about a report is a message to that child, signed by the team.
group.on("message", async (ctx) => {
  const replied = ctx.message.reply_to_message;
  if (!replied || replied.from?.id !== ctx.me.id) return;
  const { reports, staff } = ctx.services;
  if (!(await staff.isStaff(ctx.pseudonym))) {
    await ctx.reply(staff.t("staff:not_staff"), { reply_parameters: { message_id: ctx.message.message_id } });
    return;
  }
  // Only a report's own post or a follow-up about it says which child to answer; a digest
  // lists several cases, so a reply to it is refused rather than guessed.
  const report = await reports.byStaffPost(replied.message_id);
  if (!report) {
    await ctx.reply(staff.t("staff:reply_where"), { reply_parameters: { message_id: ctx.message.message_id } });
    return;
  }
  const text = ctx.message.text?.trim();
  if (!text) {
    await ctx.reply(staff.t("staff:reply_empty"), { reply_parameters: { message_id: ctx.message.message_id } });
    return;
  }
  const outcome = await replyToChild({ reports, outbox: ctx.services.outbox, i18n: ctx.services.i18n }, report, ctx.pseudonym!, text);
  await ctx.reply(staff.t(`staff:reply_${outcome}`), { reply_parameters: { message_id: ctx.message.message_id } });
  await staff.refresh(ctx.api, (await reports.byId(report.id))!);
});
