// After a report: the child checks it with the case code (from any account) or under
// "My reports", reads the team's messages and adds their own.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml, helpRow, navData, show } from "../screen.js";
import { QUICK_EXIT_DATA } from "../../flows/engine.js";
import { codeInText, looksLikeCode, normalizeCode } from "../../domain/reports/case-code.js";
import { cutToUnits } from "../../domain/telegram-limits.js";
import { limits } from "../../domain/reports/limits.js";
import { detectRisk } from "../../domain/reports/risk-detection.js";
import { OPEN_STATUSES, type ReportRecord } from "../../domain/reports/reports.js";

export const followupFeature = new Composer<BotContext>();

const date = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The child-held lock. Whoever holds the child's phone (a parent, the person a report is about)
 * could open "My reports", read the thread and write into it as the child. So a report stays open
 * only for a while after the child opened it with its case code (or filed it) and last used it, and
 * never across a quick exit; then the code is asked again before any content is shown or any
 * message accepted. The times live in the session, which is sealed at rest.
 */
export const REPORT_OPEN_MS = 30 * 60 * 1000;
/** How many opened reports the session remembers. */
const OPENED_KEPT = 5;

function fresh(ctx: BotContext, at: number | undefined): boolean {
  return at !== undefined && at > (ctx.session.lockedAt ?? 0) && Date.now() - at < REPORT_OPEN_MS;
}

/** Whether this report shows without its code now: opened and used lately, or just filed here. */
function isOpen(ctx: BotContext, report: ReportRecord): boolean {
  const own = report.reporterPseudonym !== null && report.reporterPseudonym === ctx.pseudonym;
  return fresh(ctx, ctx.session.opened?.[report.id]) || (own && fresh(ctx, report.createdAt.getTime()));
}

/** The child used this report: it stays open for another while. */
function touch(ctx: BotContext, reportId: string): void {
  const opened = { ...ctx.session.opened, [reportId]: Date.now() };
  ctx.session.opened = Object.fromEntries(Object.entries(opened).sort(([, a], [, b]) => b - a).slice(0, OPENED_KEPT));
  delete ctx.session.unlocked;
}

/**
 * A report this child may reach: their own, or one opened with the code in this chat. `open` says
 * whether it may be shown now or its code must be asked first.
 */
async function accessible(ctx: BotContext, reportId: string): Promise<{ report: ReportRecord; open: boolean } | undefined> {
  const report = await ctx.services.reports.byId(reportId);
  if (!report) return undefined;
  const own = report.reporterPseudonym !== null && report.reporterPseudonym === ctx.pseudonym;
  const known = own || ctx.session.opened?.[report.id] !== undefined || ctx.session.unlocked?.includes(report.id);
  return known ? { report, open: isOpen(ctx, report) } : undefined;
}

/** The lock screen: the case code before anything of the report. Neutral words only: someone else may be reading. */
async function askCodeToOpen(ctx: BotContext, reportId: string, text = "followup:locked"): Promise<void> {
  ctx.session.awaiting = { kind: "code", reportId };
  await show(ctx, {
    text: ctx.t(text),
    rows: [[{ text: ctx.t("menu.my_reports"), callback_data: navData.reports }], helpRow(ctx), [{ text: ctx.t("nav.quick_exit"), callback_data: QUICK_EXIT_DATA }]],
  });
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
  touch(ctx, report.id);
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
  // A locked report is a neutral line: no status, nothing of what it is about.
  const items = reports.map((r) => [
    isOpen(ctx, r)
      ? { text: ctx.t("followup:item", { hint: r.codeHint, date: date(r.createdAt), status: ctx.t(`followup:status_${r.status}`) }), callback_data: `fu:view:${r.id}` }
      : { text: ctx.t("followup:item_locked", { date: date(r.createdAt) }), callback_data: `fu:view:${r.id}` },
  ]);
  const anyLocked = reports.some((r) => !isOpen(ctx, r));
  await show(ctx, {
    text: ctx.t(!reports.length ? "followup:my_reports_none" : anyLocked ? "followup:my_reports_locked" : "followup:my_reports"),
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
  await showReport(ctx, report);
  // A message typed while this report was locked: the child decides now whether it goes.
  const held = ctx.session.heldMessage;
  if (held?.reportId === report.id && !(OPEN_STATUSES as readonly string[]).includes(report.status)) delete ctx.session.heldMessage;
  else if (held?.reportId === report.id) {
    await show(ctx, {
      text: ctx.t("followup:held", { text: escapeHtml(cutToUnits(held.text, 3_000)) }),
      rows: [[{ text: ctx.t("followup:held_send"), callback_data: "fu:held:send" }, { text: ctx.t("followup:held_drop"), callback_data: "fu:held:drop" }], helpRow(ctx)],
    });
  }
}

async function addMessage(ctx: BotContext, reportId: string, text: string): Promise<void> {
  const { reports, staff } = ctx.services;
  ctx.session.awaiting = undefined;
  const found = await accessible(ctx, reportId);
  const report = found?.report;
  if (!found || !report || !(OPEN_STATUSES as readonly string[]).includes(report.status)) {
    await ctx.reply(ctx.t("followup:closed"), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
    return;
  }
  // Locked meanwhile: nothing goes to the team as the child without the code. The words are kept
  // (sealed with the session) and sent only if the child, with the code, says so.
  if (!found.open) {
    ctx.session.heldMessage = { reportId: report.id, text, at: Date.now() };
    await askCodeToOpen(ctx, report.id, "followup:locked_write");
    return;
  }
  touch(ctx, report.id);
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
  const found = await accessible(ctx, ctx.match[1]!);
  if (!found) return showMyReports(ctx);
  if (!found.open) return askCodeToOpen(ctx, found.report.id);
  await showReport(ctx, found.report);
});
followupFeature.callbackQuery(/^fu:add:([\w-]{36})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const found = await accessible(ctx, ctx.match[1]!);
  if (!found) return showMyReports(ctx);
  if (!found.open) return askCodeToOpen(ctx, found.report.id);
  touch(ctx, found.report.id);
  ctx.session.awaiting = { kind: "thread", reportId: found.report.id };
  await show(ctx, { text: ctx.t("followup:write"), rows: [helpRow(ctx)] });
});
// "You have a new message. Open it?": the content shows only when the child asks for it, and
// only with the code when the report has locked.
followupFeature.callbackQuery(/^fu:msg:([\w-]{36})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const message = await ctx.services.db.reportMessage.findUnique({ where: { id: ctx.match[1]! }, select: { reportId: true } });
  const found = message && (await accessible(ctx, message.reportId));
  if (!found) return show(ctx, { text: ctx.t("followup:gone"), rows: [helpRow(ctx)] });
  if (!found.open) return askCodeToOpen(ctx, found.report.id);
  await showReport(ctx, found.report);
});
// The message held by the lock: sent or dropped, as the child chooses after the code.
followupFeature.callbackQuery(/^fu:held:(send|drop)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const held = ctx.session.heldMessage;
  delete ctx.session.heldMessage;
  if (!held) return showMyReports(ctx);
  if (ctx.match[1] === "send") return addMessage(ctx, held.reportId, held.text);
  const found = await accessible(ctx, held.reportId);
  if (found?.open) return showReport(ctx, found.report);
  await showMyReports(ctx);
});

// Text the child types while the bot waits for a code or a message, or a code typed anywhere.
followupFeature.on("message:text", async (ctx, next) => {
  const text = ctx.message.text.trim();
  const awaiting = ctx.session.awaiting;
  if (text.startsWith("/")) return next();
  if (awaiting?.kind === "thread") return addMessage(ctx, awaiting.reportId, ctx.message.text);
  // While a code is awaited, a child who types their story instead is heard, not told "wrong code".
  // A code awaited may come inside a sentence ("мой код H2GQG-NJ7Z4").
  const code = awaiting?.kind === "code" ? (normalizeCode(text) !== undefined ? text : codeInText(text)) : undefined;
  const storyInsteadOfCode = awaiting?.kind === "code" && code === undefined && (ctx.heard?.findings.length ?? 0) > 0;
  if (storyInsteadOfCode) ctx.session.awaiting = undefined;
  else if (awaiting?.kind === "code") return openByCode(ctx, code ?? text);
  else if (looksLikeCode(text) && !ctx.services.engine.current(ctx)?.step.input) return openByCode(ctx, text);
  await next();
});
