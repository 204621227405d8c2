// What hearing one typed message costs: the risk detector alone, and the detector plus the rights
// search together (what the listening feature runs on text no step took), in microseconds per
// call, for normal messages and adversarial 4,096-character ones. The budget is 20 ms of CPU for
// both together. Figures only, not a test; wall-clock p99/max include GC pauses and other
// processes on a shared machine.
//   node --import tsx bench/risk-detection.ts
import { detectRisk } from "../src/domain/risk/detect.ts";
import { rightsLibrary } from "../src/domain/rights/library.ts";
import { searchTopics } from "../src/domain/rights/search.ts";

const library = rightsLibrary();
const hear = (text: string) => {
  detectRisk(text);
  searchTopics(library, text, "ru");
};

const NORMAL = [
  "привет мне 12 лет папа пьет и бьет меня каждый день мне страшно",
  "өгей әкем түнде бөлмеме кіреді, маған тиіседі, анама айта алмаймын",
  "i dont want to live anymore, everyone would be better off without me",
  "эта контрольная меня убьёт, помогите с задачей по алгебре",
  "сәлем, менің атым Айгүл, мектепте мені мазақтайды",
  "ne hochu zhit, vse nadoelo",
  "olgim kep tur bari zhalyktyrdy",
  "my stepdad touched me and said not to tell anyone",
  "мне пишет незнакомый взрослый в инсте и просит фото",
  "можно ли работать в 14 лет летом?",
];

const LIMIT = 4096;
const fill = (unit: string) => unit.repeat(Math.ceil(LIMIT / unit.length)).slice(0, LIMIT);
const ADVERSARIAL: Record<string, string> = {
  "4096 × 'не '": fill("не "),
  "negations + near-stems": fill("не хочу не умирать не убью не бьет "),
  "near-stem run (typos)": fill("суецидд самоубиствоо избиватль изнасилвал өлтірмеген "),
  "kill/die words, all cancelled": fill("не хочу умереть в игре контрольная убьет "),
  "all-Latin translit": fill("ne hochu zhit olgim kelmeidi meni urmaidy "),
  emoji: fill("😀🔪💀🙂"),
  "one giant word": "а".repeat(LIMIT),
  "one giant mixed word": fill("хочуумеретьsuicideөлгім"),
  "4096 × 'i '": fill("i "),
  "english want/die noise": fill("i dont want to die my hair blue lol "),
  "every concept, no rule": fill("меня мне себя папа мама нож дверь сейчас "),
};

function measure(
  texts: readonly string[],
  rounds: number,
  run: (text: string) => unknown = detectRisk,
): { mean: number; p99: number; max: number; cpu: number } {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const t0 = performance.now();
      run(text);
      times.push((performance.now() - t0) * 1000);
    }
  }
  const cpuUsed = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    mean,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    max: times[times.length - 1] ?? 0,
    // process CPU time (user + system, all threads incl. GC) per call
    cpu: (cpuUsed.user + cpuUsed.system) / times.length,
  };
}

const fmt = (n: number) => n.toFixed(0).padStart(7);
// warm up (lexicon compilation happens at import; JIT)
measure([...NORMAL, ...Object.values(ADVERSARIAL)], 20);

console.log("risk detection, microseconds per call (wall: mean, p99, max; process CPU: mean)");
console.log("".padEnd(44), "   mean     p99     max     cpu");
const normal = measure(NORMAL, 500);
console.log(`normal messages (${NORMAL.length} × 500)`.padEnd(44), fmt(normal.mean), fmt(normal.p99), fmt(normal.max), fmt(normal.cpu));
for (const [name, text] of Object.entries(ADVERSARIAL)) {
  const r = measure([text], 50);
  console.log(`${name} (${text.length} chars)`.padEnd(44), fmt(r.mean), fmt(r.p99), fmt(r.max), fmt(r.cpu));
}

console.log("\ndetection + rights search together (budget: 20,000 µs of CPU per message)");
const both = measure(NORMAL, 200, hear);
console.log(`normal messages (${NORMAL.length} × 200)`.padEnd(44), fmt(both.mean), fmt(both.p99), fmt(both.max), fmt(both.cpu));
let worst = 0;
for (const [name, text] of Object.entries(ADVERSARIAL)) {
  const r = measure([text], 30, hear);
  worst = Math.max(worst, r.cpu);
  console.log(`${name} (${text.length} chars)`.padEnd(44), fmt(r.mean), fmt(r.p99), fmt(r.max), fmt(r.cpu));
}
console.log(`worst adversarial CPU per message: ${(worst / 1000).toFixed(2)} ms (budget 20 ms)`);
