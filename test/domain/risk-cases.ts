// Shared checks for the risk lexicon tests: harm must be heard (urgent signals as urgent, the
// others with any finding), harmless look-alikes must not be.
import { expect } from "vitest";
import { detectRisk, type RiskSignal } from "../../src/domain/risk/detect.ts";

const URGENT = new Set<RiskSignal>(["suicide", "self_harm", "sexual_abuse", "immediate_danger"]);

/** [message, expected signal]. */
export type Harm = readonly [text: string, signal: RiskSignal];

export function check(cases: readonly Harm[]): void {
  for (const [text, signal] of cases) {
    const result = detectRisk(text);
    const ok = URGENT.has(signal) ? result.level === "urgent" : result.findings.length > 0;
    expect(ok, `${signal}: ${text} → ${JSON.stringify(result.findings)}`).toBe(true);
  }
}

export function harmless(texts: readonly string[]): void {
  for (const text of texts) expect(detectRisk(text).findings, text).toEqual([]);
}
