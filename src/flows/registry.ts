// All conversations in flows/ (listed in flows/index.ts), validated once when the bot is created.
import { flowSchema, targetsOf, type Flow } from "./schema.js";
import { LoopError, unrollLoops } from "./loops.js";
import { flowFiles } from "../../flows/index.js";

export { flowFiles };

/**
 * The flows that code starts by name (commands, menus in code, fallbacks): the only place a flow
 * id is written in code. Every other flow is reached from these, through flows/ alone.
 */
export const flowIds = {
  menu: "menu",
  onboarding: "onboarding",
  language: "language",
  report: "report",
  rights: "rights",
  /** The rights quiz (/quiz). */
  quiz: "quiz",
  /** A case code typed to open a report (asked by My reports, or by the lock). */
  caseCode: "case_code",
  /** A message typed into an open report. */
  reportMessage: "report_message",
  /** A question typed to search the rights topics (answered by the listening feature). */
  rightsQuestion: "rights_question",
} as const;
export type FlowId = (typeof flowIds)[keyof typeof flowIds];

/**
 * The steps code starts a flow at (StartOptions.at), besides its start: each must be one of the
 * flow's `entries`, checked when the flows are loaded, and `at` accepts only these (tsc).
 */
export const flowEntries = {
  /** Asked by the lock: a code to open the report, and to write to it. */
  case_code: ["locked", "locked_write"],
  /** The themes, the themes after a question found nothing, and a theme or topic opened from a search result or an older button. */
  rights: ["home", "themes", "not_found", "group", "topic", "more"],
} as const satisfies Partial<Record<FlowId, readonly string[]>>;
export type FlowEntry<F extends FlowId> = F extends keyof typeof flowEntries ? (typeof flowEntries)[F][number] : never;

export class FlowFileError extends Error {}

export function loadFlows(files: Record<string, unknown> = flowFiles): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  const problems: string[] = [];
  for (const [file, data] of Object.entries(files)) {
    let unrolled: unknown;
    try {
      unrolled = unrollLoops(data);
    } catch (e) {
      if (!(e instanceof LoopError)) throw e;
      problems.push(`flows/${file}.json ${e.message}`);
      continue;
    }
    const parsed = flowSchema.safeParse(unrolled);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `flows/${file}.json ${i.path.join(".")}: ${i.message}`));
    } else if (parsed.data.id !== file) {
      problems.push(`flows/${file}.json: id "${parsed.data.id}" must match the file name`);
    } else {
      flows.set(parsed.data.id, parsed.data);
    }
  }
  problems.push(...entryProblems(flows));
  for (const [id, entries] of Object.entries(flowEntries)) {
    for (const entry of entries)
      if (flows.has(id) && !flows.get(id)!.entries.includes(entry))
        problems.push(`flows/${id}.json: code starts it at "${entry}" (flowEntries), which is not one of its "entries"`);
  }
  for (const id of Object.values(flowIds))
    if (!flows.has(id) && files === flowFiles) problems.push(`flows/${id}.json is missing: code starts it by name (flowIds)`);
  if (problems.length > 0) throw new FlowFileError(`Flow files are not valid:\n  ${problems.join("\n  ")}`);
  return flows;
}

/** Targets `flow:<id>:<step>` that name a flow or a step it does not let others start at (its `entries`). */
function entryProblems(flows: Map<string, Flow>): string[] {
  const problems: string[] = [];
  for (const flow of flows.values()) {
    const targets = Object.values(flow.steps).flatMap((s) => [...s.buttons.flat().map((b) => b.go), ...(s.input ? [s.input.go] : [])]);
    for (const target of [...targets.flatMap(targetsOf), ...(flow.then ? [flow.then] : [])]) {
      const [kind, id, entry] = target.split(":");
      if (kind !== "flow" || entry === undefined) continue;
      if (!flows.get(id!)?.entries.includes(entry))
        problems.push(`flows/${flow.id}.json: ${target} names no entry of flow "${id}" (its "entries")`);
    }
  }
  return problems;
}
