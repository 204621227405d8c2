// Triage: a priority and the reasons for it, so staff see why a report is where it is.
import type { RiskFinding } from "./risk-detection.js";
import { categoryOf } from "../choices.js";

export type PriorityLevel = "URGENT" | "HIGH" | "NORMAL" | "LOW";

export interface TriageInput {
  safeNow?: string | undefined;
  category: string;
  involved?: string | undefined;
  place?: string | undefined;
  ageBand?: string | undefined;
  findings: RiskFinding[];
  /** Reports this child sent in the last 30 days, before this one. */
  previousReports: number;
}

export interface Triage {
  priority: PriorityLevel;
  reasons: string[];
}

const ORDER: PriorityLevel[] = ["URGENT", "HIGH", "NORMAL", "LOW"];
const higher = (a: PriorityLevel, b: PriorityLevel): PriorityLevel => (ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b);

export function triage(input: TriageInput): Triage {
  let priority: PriorityLevel = "NORMAL";
  const reasons: string[] = [];
  const raise = (to: PriorityLevel, reason: string) => {
    priority = higher(priority, to);
    reasons.push(reason);
  };
  if (input.safeNow === "no") raise("URGENT", "not_safe_now");
  if (input.safeNow === "unsure") raise("HIGH", "unsure_if_safe");
  // What the report is about weighs as flows' list of categories says (domain/choices.ts).
  const category = categoryOf(input.category);
  if (category?.raise) raise(category.raise.to, category.raise.reason ?? `category:${input.category}`);
  for (const f of input.findings) {
    // Bullying, neglect, threats, extortion... are what the child chose a category for: staff see
    // the words that were heard, but only danger and ongoing violence move the report up.
    if (f.level === "concern") reasons.push(`risk:${f.signal}`);
    else raise(f.level === "urgent" ? "URGENT" : "HIGH", `risk:${f.signal}`);
  }
  const young = input.ageBand === "UNDER_10" || input.ageBand === "AGE_10_12";
  const atHome = input.place === "home" || ["parent", "relative"].includes(input.involved ?? "") || category?.atHome === true;
  if (young && atHome && category?.harm) raise("HIGH", "young_child_violence_at_home");
  if (input.previousReports >= 1) raise("HIGH", "repeated_reports");
  return { priority, reasons: [...new Set(reasons)] };
}

export type SlaHours = Record<PriorityLevel, number>;

export function slaDueAt(priority: PriorityLevel, from: Date, sla: SlaHours): Date {
  return new Date(from.getTime() + sla[priority] * 60 * 60 * 1000);
}

/** The staff-facing text key of a triage reason ("risk:suicide", "category:physical", "not_safe_now"). */
export function reasonTextKey(reason: string): string {
  if (reason.startsWith("risk:")) return `staff:signal_${reason.slice("risk:".length)}`;
  // ":" would read as an i18next namespace separator: "category:physical" → reason_category_physical.
  return `staff:reason_${reason.replace(/[:.]/g, "_")}`;
}
