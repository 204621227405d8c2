// The code behind flows/report.json: who may start a report, the review summary, the alert
// when a child is not safe, and what happens when the report is sent.
import { z } from "zod";
import type { BotContext, FlowState } from "../context.js";
import type { FlowActions } from "../../flows/actions.js";
import { readingAnswers } from "../../flows/answers.js";
import { flowIds } from "../../flows/registry.js";
import type { TextKey } from "../../i18n/i18n.js";
import { ageBandIds, ageBandLabel, categoryIds, categoryLabel, regionLabel, regions } from "../../domain/choices.js";
import { detectRisk } from "../../domain/reports/risk-detection.js";
import { limits } from "../../domain/reports/limits.js";
import type { ReportDraft } from "../../domain/reports/reports.js";
import { escapeHtml, helpRow, navData, show } from "../screen.js";

type ReportActions = Pick<FlowActions<BotContext>, "guards" | "params" | "onComplete" | "onEnter">;

/**
 * The report's answers, as the code reads them: checked against flows/report.json when the
 * engine is created (every answer here is recorded by the flow, every value a button records is
 * accepted here), so a renamed answer or a new choice cannot silently go missing.
 */
const yesNoUnsure = z.enum(["yes", "no", "unsure"]);
const reportAnswers = z.object({
  safe: yesNoUnsure.optional(),
  category: z.enum(categoryIds).optional(),
  involved: z.enum(["parent", "relative", "teacher", "child", "stranger", "online", "unsaid"]).optional(),
  place: z.enum(["home", "school", "online", "street", "institution", "other"]).optional(),
  ongoing: yesNoUnsure.optional(),
  region: z.enum(regions).optional(),
  age: z.enum(ageBandIds).optional(),
  school: z.string().optional(),
  words: z.string().optional(),
  contact: z.enum(["yes", "no"]).optional(),
});
/** The review screen's lines (report:summary_<row>). */
type SummaryRow = "category" | "involved" | "place" | "ongoing" | "region" | "age" | "school" | "files" | "contact";

async function canReport(ctx: BotContext): Promise<boolean> {
  const { reports } = ctx.services;
  const refuse = async (key: TextKey) => {
    await show(ctx, { text: ctx.t(key), rows: [helpRow(ctx)] });
    return false;
  };
  if (!ctx.pseudonym) return false;
  if (await reports.isBlocked(ctx.pseudonym)) return refuse("report:blocked");
  // An unfinished report can always be finished; only new ones count against the limit.
  if (ctx.session.flow?.id === flowIds.report) return true;
  if ((await reports.recentReportCount(ctx.pseudonym)) >= limits.reportsPerHour) return refuse("report:rate_limited");
  return true;
}

/** The child is not safe now: staff hear it at once, once per draft (`alerted`). */
const alertUnsafe = readingAnswers(
  z.object({ alerted: z.literal("yes").optional() }),
  async (ctx: BotContext, answers, state: FlowState): Promise<void> => {
    if (answers.alerted === "yes" || !ctx.pseudonym) return;
    const outcome = await ctx.services.signals.raise({
      pseudonym: ctx.pseudonym,
      signals: ["not_safe_now"],
      language: ctx.language,
      place: "draft",
    });
    if (!outcome) return;
    state.answers.alerted = "yes";
    ctx.session.signalAt = Date.now();
    await ctx.services.staff.alertSignal(outcome.signal);
  },
  ["alerted"],
);

/** The words step shows what the child has already written (typed earlier, or kept on the way). */
const wordsSoFar = readingAnswers(
  z.object({ words: z.string().optional() }),
  async (_ctx: BotContext, { words }): Promise<Record<string, unknown>> => {
    return words ? { context: "kept", words } : {};
  },
);

/** Response times read as people say them: "1 hour", "3 days". */
function inWords(ctx: BotContext, hours: number): string {
  return hours < 24 || hours % 24 !== 0 ? ctx.t("duration.hours", { count: hours }) : ctx.t("duration.days", { count: hours / 24 });
}

const reportSummary = readingAnswers(reportAnswers, async (ctx: BotContext, a, state: FlowState): Promise<Record<string, unknown>> => {
  const notGiven = ctx.t("report:summary_not_given");
  const rows: [SummaryRow, string | undefined][] = [
    ["category", a.category && ctx.t(categoryLabel(a.category))],
    ["involved", a.involved && ctx.t(`report:who_${a.involved}`)],
    ["place", a.place && ctx.t(`report:place_${a.place}`)],
    ["ongoing", a.ongoing && ctx.t(`report:ongoing_${a.ongoing}`)],
    ["region", a.region && ctx.t(regionLabel(a.region))],
    ["age", a.age && ctx.t(ageBandLabel(a.age))],
    ["school", a.school],
    ["files", state.files?.length ? String(state.files.length) : undefined],
    ["contact", a.contact === "yes" ? ctx.t("report:yes") : ctx.t("report:no")],
  ];
  const lines = rows
    // The child in danger skipped some questions: show only what they were asked.
    .filter(
      ([key, value]) =>
        value !== undefined || !(a.safe === "no" && ["involved", "place", "ongoing", "region", "age", "school"].includes(key)),
    )
    .map(([key, value]) => `<b>${ctx.t(`report:summary_${key}`)}:</b> ${escapeHtml(value ?? notGiven)}`);
  lines.push(`<b>${ctx.t("report:summary_words")}:</b>\n<blockquote>${escapeHtml(a.words ?? "")}</blockquote>`);
  // The summary is built from escaped parts above, so i18next must not escape it again.
  return { summary: lines.join("\n"), interpolation: { escapeValue: false } };
});

const submitReport = readingAnswers(reportAnswers, async (ctx: BotContext, a, state: FlowState): Promise<"handled"> => {
  const { reports, staff, logger, sla, outbox } = ctx.services;
  const draft: ReportDraft = {
    language: ctx.language,
    safeNow: a.safe,
    category: a.category ?? "other",
    involved: a.involved,
    place: a.place,
    ongoing: a.ongoing,
    region: a.region,
    ageBand: a.age,
    school: a.school,
    words: a.words ?? "",
    attachments: state.files ?? [],
    mayContact: a.contact === "yes",
  };
  // The draft's own key (the child, and when this draft began) makes Send idempotent.
  const draftKey = `${ctx.pseudonym}:${state.startedAt}`;
  const { report, code, again } = await reports.submit(
    draft,
    { pseudonym: ctx.pseudonym!, chatId: ctx.chat!.id, findings: detectRisk(draft.words).findings, draftKey },
    async (tx, created, content) => {
      const post = staff.reportPost(created, content);
      if (post) await outbox.enqueue(tx, post);
    },
  );
  logger.info(
    { report: report.number, priority: report.priority, again },
    again ? "report sent again: the same report is shown" : "report submitted",
  );
  const time = inWords(ctx, sla[report.priority]);
  const next = [
    ctx.t(report.priority === "URGENT" ? "report:next_urgent" : "report:next_other", { time }),
    ctx.t("report:next_danger"),
  ].join(" ");
  await show(ctx, {
    text: ctx.t("report:submitted", { code, next, interpolation: { escapeValue: false } }),
    rows: [[{ text: ctx.t("menu.my_reports"), callback_data: navData.reports }], helpRow(ctx)],
  });
  return "handled";
});

export const reportActions: ReportActions = {
  guards: { canReport },
  params: { reportSummary, wordsSoFar },
  onComplete: { submitReport },
  onEnter: { alertUnsafe },
};
