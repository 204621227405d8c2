// After a report: the child checks it with the case code (from any account) or under
// "My reports", reads the team's messages and adds their own.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml, helpRow, navData, show } from "../screen.js";
import { QUICK_EXIT_DATA } from "../../flows/engine.js";
import { looksLikeCode, normalizeCode } from "../../domain/reports/case-code.js";
import { cutToUnits } from "../../domain/telegram-limits.js";
import { limits } from "../../domain/reports/limits.js";
import { detectRisk } from "../../domain/reports/risk-detection.js";
import { OPEN_STATUSES, type ReportRecord } from "../../domain/reports/reports.js";

export const followupFeature = new Composer<BotContext>();

const date = (d: Date) => d.toISOString().slice(0, 10);

/** Reports this child may open: their own, or ones they unlocked with the code in this session. */
async function accessible(ctx: BotContext, reportId: string): Promise<ReportRecord | undefined> {
  const report = await ctx.services.reports.byId(reportId);
  if (!report) return undefined;
  const own = report.reporterPseudonym !== null && report.reporterPseudonym === ctx.pseudonym;
  return own || ctx.session.unlocked?.includes(report.id) ? report : undefined;
}

/** What the thread may use of one message, leaving room for the report's own lines. */
const THREAD_ROOM_UNITS = 3_300;

export async function showReport(ctx: BotContext, report: ReportRecord): Promise<void> {
  const thread = await ctx.services.reports.thread(report.id);
  // Newest messages first until the screen is full; a long one is cut (never inside an HTML tag).
  const lines: string[] = [];
  let room = THREAD_ROOM_UNITS;
  for (const m of thread.slice(-10).reverse()) {
    if (room <= 200) break;
    const head = `${ctx.t(m.author === "CHILD" ? "followup:thread_child" : "followup:thread_team")} · ${date(m.createdAt)}\n`;
    const body = cutToUnits(m.body, room - head.length - 10);
    lines.unshift(head + escapeHtml(body));
    room -= head.length + body.length + 2;
  }
  for (const m of thread) if (m.author === "STAFF" && !m.readAt) await ctx.services.reports.markRead(m.id);
  const text = [
    ctx.t("followup:view", { hint: report.codeHint, date: date(report.createdAt), status: ctx.t(`followup:status_${report.status}`), explain: ctx.t(`followup:explain_${report.status}`) }),
    "",
    ctx.t("followup:thread_title"),
    lines.length ? lines.join("\n\n") : ctx.t("followup:thread_empty"),
  ].join("\n");
  const open = (OPEN_STATUSES as readonly string[]).includes(report.status);
  await show(ctx, {
    text,
    rows: [
      ...(open ? [[{ text: ctx.t("followup:add"), callback_data: `fu:add:${report.id}` }]] : []),
      [{ text: ctx.t("menu.my_reports"), callback_data: navData.reports }],
      helpRow(ctx),
      [{ text: ctx.t("nav.quick_exit"), callback_data: QUICK_EXIT_DATA }],
    ],
  });
}

export async function showMyReports(ctx: BotContext): Promise<void> {
  const reports = ctx.pseudonym ? await ctx.services.reports.listForChild(ctx.pseudonym) : [];
  const items = reports.map((r) => [
    { text: ctx.t("followup:item", { hint: r.codeHint, date: date(r.createdAt), status: ctx.t(`followup:status_${r.status}`) }), callback_data: `fu:view:${r.id}` },
  ]);
  await show(ctx, {
    text: ctx.t(reports.length ? "followup:my_reports" : "followup:my_reports_none"),
    rows: [...items, [{ text: ctx.t("followup:check_code"), callback_data: "fu:code" }], helpRow(ctx)],
  });
}

async function askCode(ctx: BotContext): Promise<void> {
  ctx.session.awaiting = { kind: "code" };
  await show(ctx, { text: ctx.t("followup:ask_code"), rows: [helpRow(ctx)] });
}

async function openByCode(ctx: BotContext, code: string): Promise<void> {
  const { reports } = ctx.services;
  const pseudonym = ctx.pseudonym!;
  if ((await reports.codeAttempts(pseudonym)) >= limits.failedCodeAttemptsPerHour) {
    await ctx.reply(ctx.t("followup:too_many"), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
    return;
  }
  const report = await reports.findByCode(code);
  await reports.recordCodeAttempt(pseudonym, report !== null);
  if (!report) {
    ctx.session.awaiting = { kind: "code" };
    await ctx.reply(ctx.t("followup:not_found"), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
    return;
  }
  ctx.session.awaiting = undefined;
  ctx.session.unlocked = [...new Set([...(ctx.session.unlocked ?? []), report.id])].slice(-5);
  await showReport(ctx, report);
}

async function addMessage(ctx: BotContext, reportId: string, text: string): Promise<void> {
  const { reports, staff } = ctx.services;
  ctx.session.awaiting = undefined;
  const report = await accessible(ctx, reportId);
  if (!report || !(OPEN_STATUSES as readonly string[]).includes(report.status)) {
    await ctx.reply(ctx.t("followup:closed"), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
    return;
  }
  // A sender staff blocked for abuse is silenced here too, not only for new reports.
  if (ctx.pseudonym && (await reports.isBlocked(ctx.pseudonym))) {
    await ctx.reply(ctx.t("report:blocked"), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
    return;
  }
  if ((await reports.recentChildMessageCount(report.id)) >= limits.childMessagesPerReportPerHour) {
    await ctx.reply(ctx.t("followup:message_limit"), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
    return;
  }
  const urgent = detectRisk(text).findings.filter((f) => f.level === "urgent");
  // The child has already been given the crisis contacts (watch-for-danger); here the report rises.
  // The message, the raise to urgent and the staff group's copy are written together.
  await reports.addChildMessage(report, text, urgent, async (tx, messageId, raised) => {
    for (const post of staff.followupPosts(report, messageId, text, raised ? urgent : undefined)) await ctx.services.outbox.enqueue(tx, post);
  });
  await ctx.reply(ctx.t("followup:sent"), { reply_markup: { inline_keyboard: [[{ text: ctx.t("menu.my_reports"), callback_data: navData.reports }], helpRow(ctx)] } });
}

followupFeature.command("status", askCode);
followupFeature.command("reports", showMyReports);
followupFeature.callbackQuery(navData.reports, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showMyReports(ctx);
});
followupFeature.callbackQuery("fu:code", async (ctx) => {
  await ctx.answerCallbackQuery();
  await askCode(ctx);
});
followupFeature.callbackQuery(/^fu:view:([\w-]{36})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const report = await accessible(ctx, ctx.match[1]!);
  if (report) await showReport(ctx, report);
  else await showMyReports(ctx);
});
followupFeature.callbackQuery(/^fu:add:([\w-]{36})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const report = await accessible(ctx, ctx.match[1]!);
  if (!report) return showMyReports(ctx);
  ctx.session.awaiting = { kind: "thread", reportId: report.id };
  await show(ctx, { text: ctx.t("followup:write"), rows: [helpRow(ctx)] });
});
// "You have a new message. Open it?": the content shows only when the child asks for it.
followupFeature.callbackQuery(/^fu:msg:([\w-]{36})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const message = await ctx.services.db.reportMessage.findUnique({ where: { id: ctx.match[1]! }, select: { reportId: true } });
  const report = message && (await accessible(ctx, message.reportId));
  if (!report) return show(ctx, { text: ctx.t("followup:gone"), rows: [helpRow(ctx)] });
  await showReport(ctx, report);
});

// Text the child types while the bot waits for a code or a message, or a code typed anywhere.
followupFeature.on("message:text", async (ctx, next) => {
  const text = ctx.message.text.trim();
  const awaiting = ctx.session.awaiting;
  if (text.startsWith("/")) return next();
  if (awaiting?.kind === "thread") return addMessage(ctx, awaiting.reportId, ctx.message.text);
  // While a code is awaited, a child who types their story instead is heard, not told "wrong code".
  const storyInsteadOfCode = awaiting?.kind === "code" && normalizeCode(text) === undefined && (ctx.heard?.findings.length ?? 0) > 0;
  if (storyInsteadOfCode) ctx.session.awaiting = undefined;
  else if (awaiting?.kind === "code" || (looksLikeCode(text) && !ctx.services.engine.current(ctx)?.step.input)) return openByCode(ctx, text);
  await next();
});
