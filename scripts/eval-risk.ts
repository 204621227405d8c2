// Evaluation of listening, end to end: each phrase is typed by a new child right after /start,
// through the real webhook, and the bot's answer is read as the child would see it:
//   - urgent signals (suicide, self-harm, sexual abuse, immediate danger) must get a crisis reply;
//   - other harm (violence, bullying, neglect, threats, extortion, online harm, forced work) must
//     be heard: a crisis reply, a disclosure answer ("Thank you for telling me" + help), or for a
//     question the rights topics with the offer to tell the team;
//   - harmless look-alikes ("none") must get neither.
// Prints recall and false positives by language and signal. Asserts nothing.
// Usage: npm run eval:risk [-- <folder with kk.json, ru.json, en.json>] (default: test/eval/risk)
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createHarness } from "../test/harness/test-app.ts";
import { listen, telegramCode, type Lang } from "../test/harness/locales.ts";

interface EvalCase {
  text: string;
  expect: string;
}
const URGENT = new Set(["suicide", "self_harm", "sexual_abuse", "immediate_danger"]);

const folder = process.argv[2] ?? "test/eval/risk";
const h = await createHarness({ env: { LOG_LEVEL: "silent" } });
let nextId = 9_000_000;

type Outcome = "crisis" | "disclosure" | "nothing";

async function answer(lang: Lang, text: string): Promise<Outcome> {
  const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
  await child.send("/start");
  const calls = await child.send(text);
  const texts = calls.filter((c) => c.payload.chat_id === child.chatId).map((c) => String(c.payload.text ?? ""));
  const crisis = Object.values(listen[lang].crisis);
  if (texts.some((t) => crisis.some((c) => t.startsWith(c)))) return "crisis";
  // Heard as harm: thanked with help and "Tell the team", or, asked as a question, the rights
  // topics with the offer to tell the team.
  if (texts.some((t) => t.startsWith(listen[lang].disclosure.ack) || t.includes(listen[lang].question_happening))) return "disclosure";
  return "nothing";
}

const pct = (a: number, b: number) => (b === 0 ? "  -  " : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const misses: string[] = [];

for (const lang of ["kk", "ru", "en"] as const) {
  const file = JSON.parse(await readFile(join(folder, `${lang}.json`), "utf8")) as { cases: EvalCase[] };
  const bySignal = new Map<string, { hit: number; total: number }>();
  let positives = 0;
  let heard = 0;
  let negatives = 0;
  let falseAlarms = 0;
  let crisisOnNone = 0;
  for (const c of file.cases) {
    const outcome = await answer(lang, c.text);
    if (c.expect === "none") {
      negatives++;
      if (outcome !== "nothing") {
        falseAlarms++;
        if (outcome === "crisis") crisisOnNone++;
        misses.push(`${lang} false ${outcome}: ${c.text}`);
      }
      continue;
    }
    const ok = URGENT.has(c.expect) ? outcome === "crisis" : outcome !== "nothing";
    positives++;
    if (ok) heard++;
    else misses.push(`${lang} missed ${c.expect} (got ${outcome}): ${c.text}`);
    const s = bySignal.get(c.expect) ?? { hit: 0, total: 0 };
    s.total++;
    if (ok) s.hit++;
    bySignal.set(c.expect, s);
  }
  console.log(
    `\n${lang}: recall ${pct(heard, positives)} (${heard}/${positives}), false positives ${pct(falseAlarms, negatives)} (${falseAlarms}/${negatives}, of which crisis replies ${crisisOnNone})`,
  );
  for (const [signal, s] of [...bySignal].sort()) console.log(`  ${signal.padEnd(17)} ${pct(s.hit, s.total)} (${s.hit}/${s.total})`);
}
if (process.env.EVAL_SHOW_MISSES) console.log(`\n${misses.join("\n")}`);
else console.log(`\n${misses.length} misses and false alarms (EVAL_SHOW_MISSES=1 lists them)`);
await h.close();
