// All conversations in flows/, bundled as imports and validated once when the bot is created.
import { flowSchema, type Flow } from "./schema.js";
import menu from "../../flows/menu.json" with { type: "json" };
import onboarding from "../../flows/onboarding.json" with { type: "json" };
import language from "../../flows/language.json" with { type: "json" };
import report from "../../flows/report.json" with { type: "json" };
import rights from "../../flows/rights.json" with { type: "json" };

export const flowFiles: Record<string, unknown> = { menu, onboarding, language, report, rights };

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
  if (problems.length > 0) throw new FlowFileError(`Flow files are not valid:\n  ${problems.join("\n  ")}`);
  return flows;
}
