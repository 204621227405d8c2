// All conversations in flows/ (listed in flows/index.ts), validated once when the bot is created.
import { flowSchema, type Flow } from "./schema.js";
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
  /** A case code typed to open a report (asked by My reports, or by the lock). */
  caseCode: "case_code",
  /** A message typed into an open report. */
  reportMessage: "report_message",
  /** A question typed to search the rights topics (answered by the listening feature). */
  rightsQuestion: "rights_question",
} as const;
export type FlowId = (typeof flowIds)[keyof typeof flowIds];

export class FlowFileError extends Error {}

export function loadFlows(files: Record<string, unknown> = flowFiles): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  const problems: string[] = [];
  for (const [file, data] of Object.entries(files)) {
    const parsed = flowSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `flows/${file}.json ${i.path.join(".")}: ${i.message}`));
    } else if (parsed.data.id !== file) {
      problems.push(`flows/${file}.json: id "${parsed.data.id}" must match the file name`);
    } else {
      flows.set(parsed.data.id, parsed.data);
    }
  }
  for (const id of Object.values(flowIds))
    if (!flows.has(id) && files === flowFiles) problems.push(`flows/${id}.json is missing: code starts it by name (flowIds)`);
  if (problems.length > 0) throw new FlowFileError(`Flow files are not valid:\n  ${problems.join("\n  ")}`);
  return flows;
}
