/**
 * Keyword triage of free text written by children (Kazakh, Russian, English; informal, typos,
 * no punctuation, mixed languages, sometimes typed in Latin letters).
 *
 * detectRisk() says whether a report looks urgent and, for staff, WHY: every finding carries the
 * fragment of the child's own text that matched. It is a safety net, not a classifier: it leans
 * towards flagging, and staff read every flagged report. Pure code, no dependencies, no Node APIs
 * (runs on Cloudflare Workers).
 *
 * Pipeline:
 *  1. normalise: NFKC, lowercase, ё→е, ъ→ь, drop apostrophes, other non-letters → one space,
 *     Latin/digit look-alikes inside Cyrillic words → Cyrillic ("yбью" → "убью", "олтiрем" →
 *     "олтірем"), runs of one letter collapsed ("хочууу" → "хочу"), elongated iotated vowels
 *     ("убьюуу" → "убью"). Every character keeps its index in the original text.
 *  2. a second copy with Latin-only words transliterated to Cyrillic ("ne hochu zhit",
 *     "olgim keledi") for the Russian and Kazakh patterns; English patterns read the first copy.
 *  3. idioms and jokes (MASKS) are blanked out, then the pattern tables (risk-patterns.ts) run.
 */
import { MASKS, PATTERN_GROUPS, type PatternLang } from "./risk-patterns.js";

export type RiskSignal = "suicide" | "self_harm" | "sexual_abuse" | "immediate_danger" | "violence";
export type RiskLevel = "urgent" | "high";
export interface RiskFinding {
  signal: RiskSignal;
  level: RiskLevel;
  /** The matched fragment of the original text, at most 40 characters. */
  match: string;
}

const SIGNAL_ORDER: readonly RiskSignal[] = ["suicide", "self_harm", "sexual_abuse", "immediate_danger", "violence"];
const SIGNAL_LEVEL: Readonly<Record<RiskSignal, RiskLevel>> = {
  suicide: "urgent",
  self_harm: "urgent",
  sexual_abuse: "urgent",
  immediate_danger: "urgent",
  violence: "high",
};
const MAX_MATCH_LENGTH = 40;

// ------------------------------------------------------------------ normalisation

/** Text plus, for every UTF-16 unit of it, the index of the original character it came from. */
interface Mapped {
  text: string;
  map: number[];
}
/** One word as a list of characters (code points) with their original indices. */
interface Word {
  chars: string[];
  at: number[];
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const APOSTROPHES = new Set(["'", "’", "‘", "`", "ʼ", "´"]);

/** Latin letters and digits that look like Cyrillic ones, used inside Cyrillic words. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а", b: "в", c: "с", e: "е", h: "н", i: "і", k: "к", m: "м", o: "о", p: "р", t: "т", x: "х", y: "у",
  "0": "о", "3": "з", "4": "ч", "6": "б",
};

/** Latin → Cyrillic for words typed in Latin letters (Russian habits + Kazakh Latin alphabets). */
const TRANSLIT: readonly (readonly [string, string])[] = [
  ["shch", "щ"], ["sch", "щ"], ["zh", "ж"], ["kh", "х"], ["ch", "ч"], ["sh", "ш"],
  ["ya", "я"], ["yu", "ю"], ["yo", "е"], ["ye", "е"], ["ja", "я"], ["ju", "ю"], ["jo", "е"],
  ["a", "а"], ["b", "б"], ["v", "в"], ["w", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["z", "з"], ["i", "и"],
  ["j", "ж"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"], ["s", "с"],
  ["t", "т"], ["u", "у"], ["f", "ф"], ["h", "х"], ["x", "х"], ["c", "к"], ["q", "қ"],
  ["ä", "ә"], ["á", "ә"], ["ö", "ө"], ["ó", "ө"], ["ü", "ү"], ["ū", "ұ"], ["ú", "ұ"], ["ğ", "ғ"], ["ǵ", "ғ"],
  ["ñ", "ң"], ["ń", "ң"], ["ı", "ы"], ["ş", "ш"], ["ç", "ч"], ["ý", "у"],
];
const VOWELS = new Set(["a", "e", "i", "o", "u"]);

function splitWords(source: string): Word[] {
  const words: Word[] = [];
  let current: Word = { chars: [], at: [] };
  let index = 0;
  for (const codePoint of source) {
    const at = index;
    index += codePoint.length;
    if (APOSTROPHES.has(codePoint)) continue; // "don't" → "dont", "ub'yu" → "ubyu"
    for (const lowered of codePoint.toLowerCase()) {
      if (MARK.test(lowered)) continue; // "İ".toLowerCase() leaves a combining dot
      const c = lowered === "ё" ? "е" : lowered === "ъ" ? "ь" : lowered;
      if (LETTER_OR_DIGIT.test(c)) {
        current.chars.push(c);
        current.at.push(at);
      } else if (current.chars.length > 0) {
        words.push(current);
        current = { chars: [], at: [] };
      }
    }
  }
  if (current.chars.length > 0) words.push(current);
  return words;
}

function cleanWord(word: Word): Word {
  const cyrillic = word.chars.some((c) => CYRILLIC.test(c));
  const chars: string[] = [];
  const at: number[] = [];
  word.chars.forEach((raw, i) => {
    const c = cyrillic ? (LOOKALIKES[raw] ?? raw) : raw;
    const previous = chars[chars.length - 1];
    if (c === previous) return; // "хочууу" → "хочу", "kill" → "kil" (patterns are collapsed too)
    if (cyrillic && ((previous === "ю" && c === "у") || (previous === "я" && c === "а"))) return; // "убьюуу"
    chars.push(c);
    at.push(word.at[i] ?? 0);
  });
  return { chars, at };
}

function transliterateWord(word: Word): Word {
  if (word.chars.some((c) => CYRILLIC.test(c)) || !word.chars.some((c) => LATIN.test(c))) return word;
  const chars: string[] = [];
  const at: number[] = [];
  let i = 0;
  while (i < word.chars.length) {
    const rest = word.chars.slice(i, i + 4).join("");
    const origin = word.at[i] ?? 0;
    const first = word.chars[i] ?? "";
    if (first === "y" && !/^y[aueo]/.test(rest)) {
      // "moy" → "мой", "urady" → "урады"
      chars.push(VOWELS.has(word.chars[i - 1] ?? "") ? "й" : "ы");
      at.push(origin);
      i += 1;
      continue;
    }
    const rule = TRANSLIT.find(([latin]) => rest.startsWith(latin));
    chars.push(rule ? rule[1] : first);
    at.push(origin);
    i += rule ? rule[0].length : 1;
  }
  return cleanWord({ chars, at });
}

function join(words: readonly Word[]): Mapped {
  let text = "";
  const map: number[] = [];
  words.forEach((word, w) => {
    if (w > 0) {
      text += " ";
      map.push(word.at[0] ?? 0);
    }
    word.chars.forEach((c, i) => {
      text += c;
      for (let unit = 0; unit < c.length; unit++) map.push(word.at[i] ?? 0);
    });
  });
  return { text, map };
}

// ------------------------------------------------------------------ pattern compilation

/** Kazakh letters also accept the letters children type without a Kazakh keyboard. */
const KK_VARIANTS: Readonly<Record<string, string>> = {
  ә: "әа", ғ: "ғг", қ: "қк", ң: "ңн", ө: "өоу", ұ: "ұу", ү: "үу", һ: "һх", і: "іи", и: "иі", й: "йи",
};
const RU_VARIANTS: Readonly<Record<string, string>> = { и: "иі" };

/** Turns a table source into a regex source (see the header of risk-patterns.ts). */
function expandSource(source: string, lang: PatternLang): string {
  const collapsed = source.replace(/(?<!\\)(\p{L})\1+/gu, "$1");
  if (lang === "en") return collapsed;
  const variants = lang === "kk" ? KK_VARIANTS : RU_VARIANTS;
  let out = "";
  let inClass = false;
  for (let i = 0; i < collapsed.length; i++) {
    const c = collapsed.charAt(i);
    if (c === "\\") {
      // copy escapes verbatim, including \p{...}
      let end = i + 2;
      if (/[pP]/.test(collapsed.charAt(i + 1)) && collapsed.charAt(end) === "{") end = collapsed.indexOf("}", end) + 1;
      out += collapsed.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "]") inClass = false;
    const alternatives = variants[c];
    if (alternatives) out += inClass ? alternatives : `[${alternatives}]`;
    else if (lang === "ru" && c === "ь" && !inClass) out += "ь?";
    else out += c;
  }
  return out;
}

function compile(source: string, lang: PatternLang): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${expandSource(source, lang)})`, "gu");
}

interface CompiledPattern {
  signal: RiskSignal;
  english: boolean;
  re: RegExp;
  unlessRaw?: RegExp;
}

const COMPILED: readonly CompiledPattern[] = PATTERN_GROUPS.flatMap((group) =>
  group.patterns.map((spec): CompiledPattern => {
    const english = group.lang === "en";
    if (typeof spec === "string") return { signal: group.signal, english, re: compile(spec, group.lang) };
    return { signal: group.signal, english, re: compile(spec.re, group.lang), unlessRaw: spec.unlessRaw };
  }),
);
const ENGLISH_MASKS = MASKS.filter((m) => m.lang === "en").flatMap((m) => m.patterns.map((p) => compile(p, m.lang)));
const CYRILLIC_MASKS = MASKS.filter((m) => m.lang !== "en").flatMap((m) => m.patterns.map((p) => compile(p, m.lang)));

function applyMasks(text: string, masks: readonly RegExp[]): string {
  let out = text;
  for (const mask of masks) out = out.replace(mask, (found) => "#".repeat(found.length));
  return out;
}

// ------------------------------------------------------------------ detection

function fragment(original: string, mapped: Mapped, start: number, end: number): string {
  const from = mapped.map[start] ?? 0;
  const last = mapped.map[end - 1] ?? from;
  const to = last + ((original.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
  const text = original.slice(from, to).replace(/\s+/gu, " ").trim();
  return text.length <= MAX_MATCH_LENGTH ? text : `${text.slice(0, MAX_MATCH_LENGTH - 1)}…`;
}

export function detectRisk(text: string): { level: RiskLevel | null; findings: RiskFinding[] } {
  if (typeof text !== "string" || text.trim() === "") return { level: null, findings: [] };
  const original = text.normalize("NFKC");
  const words = splitWords(original).map(cleanWord);
  const latin = join(words); // for English patterns
  const cyrillic = join(words.map(transliterateWord)); // for Russian and Kazakh patterns
  const haystacks = {
    en: { mapped: latin, text: applyMasks(latin.text, ENGLISH_MASKS) },
    cy: { mapped: cyrillic, text: applyMasks(cyrillic.text, CYRILLIC_MASKS) },
  };

  // earliest match per signal
  const best = new Map<RiskSignal, { at: number; match: string }>();
  for (const pattern of COMPILED) {
    const haystack = pattern.english ? haystacks.en : haystacks.cy;
    for (const m of haystack.text.matchAll(pattern.re)) {
      const match = fragment(original, haystack.mapped, m.index, m.index + m[0].length);
      if (pattern.unlessRaw?.test(match.toLowerCase())) continue;
      const at = haystack.mapped.map[m.index] ?? 0;
      const previous = best.get(pattern.signal);
      if (!previous || at < previous.at) best.set(pattern.signal, { at, match });
      break;
    }
  }

  const findings: RiskFinding[] = SIGNAL_ORDER.flatMap((signal) => {
    const found = best.get(signal);
    return found ? [{ signal, level: SIGNAL_LEVEL[signal], match: found.match }] : [];
  });
  const level = findings.some((f) => f.level === "urgent") ? "urgent" : findings.length > 0 ? "high" : null;
  return { level, findings };
}
