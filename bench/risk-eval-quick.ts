// Quick evaluation of the risk detector on test/eval/risk/{kk,ru,en}.json.
//   node --import tsx bench/risk-eval-quick.ts            figures per language
//   node --import tsx bench/risk-eval-quick.ts --misses   also list the misses and false positives
// Recall: an urgent signal (suicide, self_harm, sexual_abuse, immediate_danger) must come out with
// level "urgent"; any other harm signal must come out with at least one finding.
// False positive: a case expected "none" that got any finding.
import { readFileSync } from "node:fs";
import { detectRisk } from "../src/domain/risk/detect.ts";

const URGENT = new Set(["suicide", "self_harm", "sexual_abuse", "immediate_danger"]);
const showMisses = process.argv.includes("--misses");
const dir = new URL("../test/eval/risk/", import.meta.url);

interface Case {
  text: string;
  expect: string;
}

let allOk = 0;
let allHarm = 0;
let allFp = 0;
let allNone = 0;
for (const lang of ["kk", "ru", "en"]) {
  let cases: Case[];
  try {
    cases = (JSON.parse(readFileSync(new URL(`${lang}.json`, dir), "utf8")) as { cases: Case[] }).cases;
  } catch {
    console.log(`${lang}: no evaluation set`);
    continue;
  }
  let harm = 0;
  let caught = 0;
  let sameSignal = 0;
  let none = 0;
  let fp = 0;
  const lines: string[] = [];
  for (const c of cases) {
    const result = detectRisk(c.text);
    const got = result.findings.map((f) => `${f.signal}:${f.match}`).join(" | ") || "-";
    if (c.expect === "none") {
      none += 1;
      if (result.findings.length > 0) {
        fp += 1;
        lines.push(`  FP   ${c.text}  →  ${got}`);
      }
      continue;
    }
    harm += 1;
    const ok = URGENT.has(c.expect) ? result.level === "urgent" : result.findings.length > 0;
    if (ok) caught += 1;
    else lines.push(`  MISS [${c.expect}] ${c.text}  →  ${got}`);
    if (result.findings.some((f) => f.signal === c.expect)) sameSignal += 1;
  }
  allOk += caught;
  allHarm += harm;
  allFp += fp;
  allNone += none;
  const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
  console.log(
    `${lang}: recall ${pct(caught, harm)} (${caught}/${harm}), same signal ${pct(sameSignal, harm)}, ` +
      `false positives ${pct(fp, none)} (${fp}/${none})`,
  );
  if (showMisses) for (const line of lines) console.log(line);
}
console.log(
  `all: recall ${((100 * allOk) / Math.max(1, allHarm)).toFixed(1)}%, false positives ${((100 * allFp) / Math.max(1, allNone)).toFixed(1)}%`,
);
