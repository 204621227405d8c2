// After a report: the child checks it with the case code (from any account) or under
// "My reports", reads the team's messages and adds their own.
import { Composer } from "grammy";
import { z } from "zod";
import type { BotContext } from "../context.js";
import type { FlowActions, InputCheck } from "../../flows/actions.js";
import { readingAnswers } from "../../flows/answers.js";
import { flowIds } from "../../flows/registry.js";
import { escapeHtml, helpRow, navData, quickExitData, show } from "../screen.js";
import { encodeCallback, onButton } from "../callback-data.js";
import type { TextKey } from "../../i18n/i18n.js";
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
  ctx.session.opened = Object.fromEntries(
    Object.entries(opened)
      .sort(([, a], [, b]) => b - a)
      .slice(0, OPENED_KEPT),
  );
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

/**
 * The lock screen (flows/case_code.json): the case code before anything of the report, with neutral
 * words only, since someone else may be reading; `locked_write` when a message typed meanwhile waits.
 */
async function askCodeToOpen(ctx: BotContext, entry: "locked" | "locked_write" = "locked"): Promise<void> {
  await ctx.services.engine.start(ctx, flowIds.caseCode, { at: entry });
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
    ctx.t("followup:view", {
      hint: report.codeHint,
      date: date(report.createdAt),
      status: ctx.t(`followup:status_${report.status}`),
      explain: ctx.t(`followup:explain_${report.status}`),
    }),
    "",
    ctx.t("followup:thread_title"),
    lines.length ? lines.join("\n\n") : ctx.t("followup:thread_empty"),
  ].join("\n");
  const open = (OPEN_STATUSES as readonly string[]).includes(report.status);
  await show(ctx, {
    text,
    rows: [
      ...(open ? [[{ text: ctx.t("followup:add"), callback_data: encodeCallback({ kind: "report.add", id: report.id }) }]] : []),
      [{ text: ctx.t("menu.my_reports"), callback_data: navData.reports }],
      helpRow(ctx),
      [{ text: ctx.t("nav.quick_exit"), callback_data: quickExitData }],
    ],
  });
}

export async function showMyReports(ctx: BotContext): Promise<void> {
  const reports = ctx.pseudonym ? await ctx.services.reports.listForChild(ctx.pseudonym) : [];
  // A locked report is a neutral line: no status, nothing of what it is about.
  const items = reports.map((r) => [
    isOpen(ctx, r)
      ? {
          text: ctx.t("followup:item", { hint: r.codeHint, date: date(r.createdAt), status: ctx.t(`followup:status_${r.status}`) }),
          callback_data: encodeCallback({ kind: "report.view", id: r.id }),
        }
      : {
          text: ctx.t("followup:item_locked", { date: date(r.createdAt) }),
          callback_data: encodeCallback({ kind: "report.view", id: r.id }),
        },
  ]);
  const anyLocked = reports.some((r) => !isOpen(ctx, r));
  await show(ctx, {
    text: ctx.t(!reports.length ? "followup:my_reports_none" : anyLocked ? "followup:my_reports_locked" : "followup:my_reports"),
    rows: [...items, [{ text: ctx.t("followup:check_code"), callback_data: encodeCallback({ kind: "report.code" }) }], helpRow(ctx)],
  });
}

async function askCode(ctx: BotContext): Promise<void> {
  await ctx.services.engine.start(ctx, flowIds.caseCode);
}

/** The report a typed code opens, or why not: too many wrong codes lately, or no such report. Every try counts. */
async function reportForCode(ctx: BotContext, code: string): Promise<{ report: ReportRecord } | { problem: TextKey }> {
  const { reports } = ctx.services;
  const pseudonym = ctx.pseudonym!;
  if ((await reports.codeAttempts(pseudonym)) >= limits.failedCodeAttemptsPerHour) return { problem: "followup:too_many" };
  const report = await reports.findByCode(code);
  await reports.recordCodeAttempt(pseudonym, report !== null);
  return report ? { report } : { problem: "followup:not_found" };
}

/** A code typed outside the code question (anywhere a code is not asked): opened at once. */
async function openByCode(ctx: BotContext, code: string): Promise<void> {
  const found = await reportForCode(ctx, code);
  if ("problem" in found) await ctx.reply(ctx.t(found.problem), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
  else await openReport(ctx, found.report);
}

/** The code question's check: a code (alone or inside a sentence) becomes the report it opens; the session never keeps the code. */
async function caseCode(ctx: BotContext, text: string): Promise<InputCheck> {
  const typed = text.trim();
  const code = normalizeCode(typed) !== undefined ? typed : codeInText(typed);
  // A child who tells their story instead of a code is listened to, not told "wrong code".
  if (code === undefined && (ctx.heard?.findings.length ?? 0) > 0) return { leave: true };
  const found = await reportForCode(ctx, code ?? typed);
  return "problem" in found ? { retry: found.problem } : { value: found.report.id };
}

async function openReport(ctx: BotContext, report: ReportRecord): Promise<void> {
  await showReport(ctx, report);
  // A message typed while this report was locked: the child decides now whether it goes.
  const held = ctx.session.heldMessage;
  if (held?.reportId === report.id && !(OPEN_STATUSES as readonly string[]).includes(report.status)) delete ctx.session.heldMessage;
  else if (held?.reportId === report.id) {
    await show(ctx, {
      text: ctx.t("followup:held", { text: escapeHtml(cutToUnits(held.text, 3_000)) }),
      rows: [
        [
          { text: ctx.t("followup:held_send"), callback_data: encodeCallback({ kind: "report.held", send: true }) },
          { text: ctx.t("followup:held_drop"), callback_data: encodeCallback({ kind: "report.held", send: false }) },
        ],
        helpRow(ctx),
      ],
    });
  }
}

async function addMessage(ctx: BotContext, reportId: string, text: string): Promise<void> {
  const { reports, staff } = ctx.services;
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
    await askCodeToOpen(ctx, "locked_write");
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
    for (const post of staff.followupPosts(report, messageId, text, raised ? urgent : undefined))
      await ctx.services.outbox.enqueue(tx, post);
  });
  await ctx.reply(ctx.t("followup:sent"), {
    reply_markup: { inline_keyboard: [[{ text: ctx.t("menu.my_reports"), callback_data: navData.reports }], helpRow(ctx)] },
  });
}

followupFeature.command("status", askCode);
followupFeature.command("reports", showMyReports);
onButton(followupFeature, "nav.reports", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showMyReports(ctx);
});
onButton(followupFeature, "report.code", async (ctx) => {
  await ctx.answerCallbackQuery();
  await askCode(ctx);
});
onButton(followupFeature, "report.view", async (ctx, { id }) => {
  await ctx.answerCallbackQuery();
  const found = await accessible(ctx, id);
  if (!found) return showMyReports(ctx);
  if (!found.open) return askCodeToOpen(ctx);
  await showReport(ctx, found.report);
});
onButton(followupFeature, "report.add", async (ctx, { id }) => {
  await ctx.answerCallbackQuery();
  const found = await accessible(ctx, id);
  if (!found) return showMyReports(ctx);
  if (!found.open) return askCodeToOpen(ctx);
  touch(ctx, found.report.id);
  await ctx.services.engine.start(ctx, flowIds.reportMessage, { prefill: { report: found.report.id } });
});
// "You have a new message. Open it?": the content shows only when the child asks for it, and
// only with the code when the report has locked.
onButton(followupFeature, "report.message", async (ctx, { id }) => {
  await ctx.answerCallbackQuery();
  const message = await ctx.services.db.reportMessage.findUnique({ where: { id }, select: { reportId: true } });
  const found = message && (await accessible(ctx, message.reportId));
  if (!found) return show(ctx, { text: ctx.t("followup:gone"), rows: [helpRow(ctx)] });
  if (!found.open) return askCodeToOpen(ctx);
  await showReport(ctx, found.report);
});
// The message held by the lock: sent or dropped, as the child chooses after the code.
onButton(followupFeature, "report.held", async (ctx, { send }) => {
  await ctx.answerCallbackQuery();
  const held = ctx.session.heldMessage;
  delete ctx.session.heldMessage;
  if (!held) return showMyReports(ctx);
  if (send) return addMessage(ctx, held.reportId, held.text);
  const found = await accessible(ctx, held.reportId);
  if (found?.open) return showReport(ctx, found.report);
  await showMyReports(ctx);
});

// A code typed anywhere a code or other text is not asked for opens its report. (Asked codes and
// messages to a report are typed answers of flows/case_code.json and report_message.json.)
followupFeature.on("message:text", async (ctx, next) => {
  const text = ctx.message.text.trim();
  if (text.startsWith("/") || !looksLikeCode(text) || ctx.services.engine.current(ctx)?.step.input) return next();
  await openByCode(ctx, text);
});

/** The code behind flows/case_code.json and report_message.json. */
export const followupActions: Pick<FlowActions<BotContext>, "checks" | "onComplete"> = {
  checks: { caseCode },
  onComplete: {
    openReport: readingAnswers(z.object({ report: z.string() }), async (ctx: BotContext, { report: id }) => {
      const report = id ? await ctx.services.reports.byId(id) : null;
      if (report) await openReport(ctx, report);
      else await showMyReports(ctx);
      return "handled" as const;
    }),
    sendReportMessage: readingAnswers(
      z.object({ report: z.string(), message: z.string() }),
      async (ctx: BotContext, { report, message }) => {
        if (report && message) await addMessage(ctx, report, message);
        else await showMyReports(ctx);
        return "handled" as const;
      },
    ),
  },
};
