// The rights search alone ("ask in your own words"): CPU per typed question, on the children's
// questions of test/fixtures/rights-search.json, and on adversarial 4,096-character messages (the
// most a Telegram message holds) built to make the search work hardest: many distinct words that
// nearly match stems, Latin transliteration, one giant word. Targets (issue 14): at most 0.2 ms per
// question and 20 ms per adversarial message. Figures only; `--check` exits 1 when a target is
// missed (noisy on a loaded machine: it is not part of the tests).
//   node --import tsx bench/rights-search.ts [--check]
import { rightsLibrary } from "../src/domain/rights/library.ts";
import { prepareSearch, searchTopics, searchTopicsComparingEveryStem } from "../src/domain/rights/search.ts";
import fixtures from "../test/fixtures/rights-search.json" with { type: "json" };

type Lang = "kk" | "ru" | "en";
const library = rightsLibrary();
const QUESTION_TARGET_MS = 0.2;
const ADVERSARIAL_TARGET_MS = 20;
const LIMIT = 4096;

const questions = (Object.entries(fixtures) as [Lang, { q: string }[]][]).flatMap(([lang, list]) => list.map(({ q }) => ({ lang, q })));

/** Words that nearly match many stems: each stem of the library with one letter changed, dropped or doubled. */
function nearStems(lang: Lang): string[] {
  const words: string[] = [];
  for (const topic of library.topics) {
    for (const raw of topic.keywords[lang]) {
      const stem = raw.replace(/^[~=]+/, "");
      if (stem.length < 5) continue;
      const i = Math.floor(stem.length / 2);
      words.push(stem.slice(0, i) + "ъ" + stem.slice(i + 1) + "ами", stem.slice(0, i) + stem.slice(i + 1), stem + stem.at(-1) + "ость");
    }
  }
  return words;
}
const fill = (words: readonly string[]) => {
  let text = "";
  for (let i = 0; text.length < LIMIT; i++) text += words[i % words.length] + " ";
  return text.slice(0, LIMIT);
};
// Distinct words, shuffled deterministically, so the first 80 the search keeps are all different.
const shuffled = (words: string[]) =>
  words
    .map((w, i) => ({ w, k: (i * 7919) % 104729 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.w);
const ADVERSARIAL: { name: string; lang: Lang; text: string }[] = [
  { name: "near-stems ru (distinct typos)", lang: "ru", text: fill(shuffled(nearStems("ru"))) },
  { name: "near-stems kk (distinct typos)", lang: "kk", text: fill(shuffled(nearStems("kk"))) },
  { name: "near-stems en (distinct typos)", lang: "en", text: fill(shuffled(nearStems("en"))) },
  { name: "near-stems, all languages", lang: "ru", text: fill(shuffled([...nearStems("kk"), ...nearStems("ru"), ...nearStems("en")])) },
  { name: "Latin transliteration (ru reader)", lang: "ru", text: fill(shuffled(nearStems("en").map((w) => w + "y"))) },
  { name: "40-letter words", lang: "ru", text: fill(shuffled(nearStems("ru")).map((w) => (w + w + w + w).slice(0, 40))) },
  { name: "one giant word", lang: "ru", text: "ж".repeat(LIMIT) },
  { name: "4096 × 'не '", lang: "ru", text: fill(["не"]) },
];

/** CPU microseconds per call (process.cpuUsage: user + system, GC included), and the wall p99. */
type Search = typeof searchTopics;
function measure(
  items: readonly { lang: Lang; text: string }[],
  rounds: number,
  search: Search = searchTopics,
): { cpuUs: number; p99Us: number; maxUs: number } {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const { lang, text } of items) {
      const t0 = performance.now();
      search(library, text, lang);
      times.push((performance.now() - t0) * 1000);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { cpuUs: (cpu.user + cpu.system) / times.length, p99Us: times[Math.floor(times.length * 0.99)] ?? 0, maxUs: times.at(-1) ?? 0 };
}

const asItems = questions.map(({ lang, q }) => ({ lang, text: q }));
// Preparing the library (at start, in the app); then a warm-up for the JIT.
const cpu0 = process.cpuUsage();
prepareSearch(library);
const prepared = process.cpuUsage(cpu0);
measure([...asItems, ...ADVERSARIAL], 5);
measure(asItems, 2, searchTopicsComparingEveryStem);

const ms = (us: number) => (us / 1000).toFixed(3).padStart(8);
console.log(
  `rights search: ${library.topics.length} topics, ${library.topics.reduce((n, t) => n + t.keywords.kk.length + t.keywords.ru.length + t.keywords.en.length, 0)} stems`,
);
console.log(`preparing the stems and their index (once, at start): ${ms(prepared.user + prepared.system).trim()} ms`);
console.log("".padEnd(44), "cpu ms/call  wall p99    max");
const normal = measure(asItems, 200);
console.log(`children's questions (${asItems.length} × 200)`.padEnd(44), ms(normal.cpuUs), "   ", ms(normal.p99Us), ms(normal.maxUs));
const exhaustive = measure(asItems, 10, searchTopicsComparingEveryStem);
console.log(
  `  the same, comparing every stem (no index)`.padEnd(44),
  ms(exhaustive.cpuUs),
  "   ",
  ms(exhaustive.p99Us),
  ms(exhaustive.maxUs),
);
let worst = 0;
for (const a of ADVERSARIAL) {
  const r = measure([a], 20);
  worst = Math.max(worst, r.cpuUs);
  console.log(`${a.name} (${a.text.length} chars)`.padEnd(44), ms(r.cpuUs), "   ", ms(r.p99Us), ms(r.maxUs));
}
const okQuestion = normal.cpuUs / 1000 <= QUESTION_TARGET_MS;
const okAdversarial = worst / 1000 <= ADVERSARIAL_TARGET_MS;
console.log(`\nper question: ${ms(normal.cpuUs).trim()} ms (target ≤ ${QUESTION_TARGET_MS} ms) ${okQuestion ? "ok" : "MISSED"}`);
console.log(`worst adversarial message: ${ms(worst).trim()} ms (target ≤ ${ADVERSARIAL_TARGET_MS} ms) ${okAdversarial ? "ok" : "MISSED"}`);
if (process.argv.includes("--check") && !(okQuestion && okAdversarial)) process.exitCode = 1;
