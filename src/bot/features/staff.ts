// The staff groups: claim, priority, spam and block buttons, and replies to the child made by
// replying to a report's message. Only people on the staff allow-list can act, and with a group
// per region (STAFF_CHATS) a group acts only on its own region's cases, as the console scopes
// operators by region.
import { Composer, type Filter } from "grammy";
import type { BotContext } from "../context.js";
import type { ReportRecord } from "../../domain/reports/reports.js";
import { replyToChild } from "../staff/reply.js";
import { onButton, type PayloadOf } from "../callback-data.js";

export const staffFeature = new Composer<BotContext>();
const group = staffFeature.filter((ctx) => ctx.chat !== undefined && ctx.services.staff.isGroup(ctx.chat.id));

type StaffCallback = Filter<BotContext, "callback_query:data">;
type StaffKind = "staff.claim" | "staff.priority" | "staff.spam" | "staff.block";

async function staffOnly(ctx: BotContext): Promise<boolean> {
  if (await ctx.services.staff.isStaff(ctx.pseudonym)) return true;
  await ctx.answerCallbackQuery({ text: ctx.services.staff.t("staff:not_staff"), show_alert: true });
  return false;
}

/**
 * A button on a report's post: only staff may press it; `run` acts and returns the toast to
 * show (and whether the post needs redrawing).
 */
function reportButton<K extends StaffKind>(
  kind: K,
  run: (
    ctx: StaffCallback,
    report: ReportRecord,
    pressed: PayloadOf<K>,
  ) => Promise<{ toast: string; alert?: boolean; refresh?: boolean; assigneeName?: string }>,
) {
  onButton(group, kind, async (ctx, pressed) => {
    if (!(await staffOnly(ctx))) return;
    const report = (await ctx.services.reports.byNumber(pressed.report)) ?? undefined;
    if (!report) return ctx.answerCallbackQuery();
    if (!ctx.services.staff.owns(ctx.chat!.id, report)) {
      ctx.services.logger.warn({ case: report.number }, "a staff group acted on a case of another region's group: refused");
      return ctx.answerCallbackQuery({ text: ctx.services.staff.t("staff:other_group", { number: report.number }), show_alert: true });
    }
    const result = await run(ctx, report, pressed);
    await ctx.answerCallbackQuery({ text: result.toast, show_alert: result.alert ?? false });
    if (result.refresh !== false)
      await ctx.services.staff.refresh(ctx.api, (await ctx.services.reports.byId(report.id))!, result.assigneeName);
  });
}

reportButton("staff.claim", async (ctx, report) => {
  const { reports, staff } = ctx.services;
  if (!(await reports.claim(report.id, ctx.pseudonym!))) return { toast: staff.t("staff:claim_lost"), alert: true, refresh: false };
  // A staff member's first name is shown to colleagues in the group only; it is not stored.
  return { toast: staff.t("staff:claim_won", { number: report.number }), assigneeName: ctx.from.first_name };
});

reportButton("staff.priority", async (ctx, report, { priority }) => {
  await ctx.services.reports.setPriority(report, ctx.pseudonym!, priority);
  return { toast: ctx.services.staff.t("staff:priority_set", { priority: ctx.services.staff.t(`staff:badge_${priority}`) }) };
});

reportButton("staff.spam", async (ctx, report) => {
  await ctx.services.reports.markSpam(report, ctx.pseudonym!);
  return { toast: ctx.services.staff.t("staff:spam_done") };
});

reportButton("staff.block", async (ctx, report) => {
  await ctx.services.reports.blockReporter(report, ctx.pseudonym!);
  return { toast: ctx.services.staff.t("staff:blocked"), alert: true, refresh: false };
});

onButton(group, "staff.noop", (ctx) => ctx.answerCallbackQuery());

/**
 * The case a bot post in this chat is about (its own post or a follow-up). Message ids count per
 * chat, so with several groups one id may name posts in each: the one of this group's cases is
 * taken; a post found only for another group's case is refused, never acted on.
 */
async function reportForPost(ctx: BotContext, messageId: number): Promise<{ report?: ReportRecord; elsewhere?: ReportRecord }> {
  const { db, staff } = ctx.services;
  const own = await db.report.findMany({ where: { staffMessageId: messageId } });
  const followups = await db.reportEvent.findMany({
    where: { kind: "staff_post", data: { path: ["messageId"], equals: messageId } },
    select: { reportId: true },
  });
  const more = followups.length ? await db.report.findMany({ where: { id: { in: followups.map((f) => f.reportId) } } }) : [];
  const candidates = [...own, ...more];
  const report = candidates.find((r) => staff.owns(ctx.chat!.id, r));
  return report ? { report } : candidates[0] ? { elsewhere: candidates[0] } : {};
}

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
  const found = await reportForPost(ctx, replied.message_id);
  if (found.elsewhere) {
    ctx.services.logger.warn({ case: found.elsewhere.number }, "a reply in a staff group to a case of another region's group: refused");
    await ctx.reply(staff.t("staff:other_group", { number: found.elsewhere.number }), {
      reply_parameters: { message_id: ctx.message.message_id },
    });
    return;
  }
  const report = found.report;
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
