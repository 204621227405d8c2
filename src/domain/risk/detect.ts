/**
 * Risk detection in free text written by children (Kazakh, Russian, English; informal, typos,
 * no punctuation, mixed languages, sometimes typed in Latin letters).
 *
 * detectRisk() says how serious a message looks and, for staff, WHY: every finding carries the
 * fragment of the child's own text that matched. It is a safety net, not a classifier: staff
 * read every report.
 *
 * The knowledge lives in DATA (lexicons/kk.json, ru.json, en.json, readable by child-protection
 * specialists): named concepts (word lists, stems) and rules ("these concepts within N words, in
 * any order, unless ..."). The code here only:
 *  1. splits the text into words once (normalise.ts: Kazakh letters, Latin transliteration,
 *     look-alikes, repeated letters, one typo on long words),
 *  2. looks every distinct word up once in two tries (Latin, Cyrillic),
 *  3. checks the rules against the positions of the concepts found.
 * Cost grows linearly with the length of the text. Pure code, no Node APIs (runs on Workers).
 */
import en from "./lexicons/en.json" with { type: "json" };
import kk from "./lexicons/kk.json" with { type: "json" };
import ru from "./lexicons/ru.json" with { type: "json" };
import {
  compileLexicons,
  pairKey,
  SIGNAL_LEVEL,
  SIGNAL_ORDER,
  type CompiledLexicon,
  type ExceptWord,
  type LexiconFile,
  type RiskLevel,
  type RiskSignal,
  type Rule,
} from "./lexicon.js";
import { fragment, tokenise, type Token } from "./normalise.js";

export type { RiskLevel, RiskSignal } from "./lexicon.js";
export { SIGNAL_ORDER, SIGNAL_LEVEL } from "./lexicon.js";

export interface RiskFinding {
  signal: RiskSignal;
  level: RiskLevel;
  /** The matched fragment of the original text, at most 40 characters. */
  match: string;
}

const LEXICON: CompiledLexicon = compileLexicons([kk, ru, en] as unknown as LexiconFile[]);

const LEVEL_RANK: Readonly<Record<RiskLevel, number>> = { urgent: 3, high: 2, concern: 1 };

/** A concept found in the text: tokens from..to (inclusive). */
interface Occurrence {
  from: number;
  to: number;
}

/** Latin words with these endings are English, never transliterated Russian or Kazakh ("pressuring"). */
const ENGLISH_ENDING = /^[a-z]{3,}(?:ing|ings|tion|tions|ness|ment|ments)$/u;

/** Word pattern ids per token, each distinct word looked up once. */
function lookupTokens(tokens: readonly Token[]): Map<number, boolean>[] {
  const cache = new Map<string, Map<number, boolean>>();
  return tokens.map((token) => {
    const key = `${token.latRaw}|${token.cyr}|${token.cyrAlt}`;
    let ids = cache.get(key);
    if (!ids) {
      // A Latin word that is an English lexicon word ("suicide") is English, not transliterated
      // Russian or Kazakh ("ne hochu zhit", "olgim keledi").
      const english = token.lat === "" ? new Map<number, boolean>() : LEXICON.latinTrie.lookup(token.lat);
      const isEnglish =
        LEXICON.englishSpellings.has(token.latRaw) ||
        ENGLISH_ENDING.test(token.latRaw) ||
        (token.lat.length >= 5 && [...english.keys()].some((id) => LEXICON.englishWords.has(id))); // "kep" (kk) ≠ "keep"
      ids = token.cyr === "" || isEnglish ? new Map<number, boolean>() : LEXICON.cyrillicTrie.lookup(token.cyr);
      if (token.cyrAlt !== "" && !isEnglish)
        for (const [id, typo] of LEXICON.cyrillicTrie.lookup(token.cyrAlt)) if (!ids.has(id) || !typo) ids.set(id, typo);
      for (const [id, typo] of english) ids.set(id, typo);
      // A word the lexicons know as it is ("отчим") is not a typo of another one ("отжим").
      if ([...ids.values()].some((typo) => !typo)) for (const [id, typo] of ids) if (typo) ids.delete(id);
      cache.set(key, ids);
    }
    return ids;
  });
}

function wordMatches(word: ExceptWord, token: Token | undefined): boolean {
  if (!token) return false;
  const forms = word.latin ? [token.latRaw, token.lat] : [token.cyrRaw, token.cyr, token.cyrAlt];
  for (const form of forms) {
    if (form === "") continue;
    for (const key of word.keys) if (word.stem ? form.startsWith(key) : form === key) return true;
  }
  return false;
}

/** Is token i part of one of the concept's "except" entries (a word or consecutive words)? */
function isExcepted(conceptId: number, tokens: readonly Token[], i: number): boolean {
  const concept = LEXICON.concepts[conceptId];
  if (!concept) return false;
  for (const except of concept.except) {
    for (let k = 0; k < except.length; k++) {
      // token i as word k of the entry
      const start = i - k;
      if (start < 0) break;
      if (except.every((word, w) => wordMatches(word, tokens[start + w]))) return true;
    }
  }
  return false;
}

function findConcepts(tokens: readonly Token[]): Map<number, Occurrence[]> {
  const ids = lookupTokens(tokens);
  const found = new Map<number, Occurrence[]>();
  const add = (concept: number, from: number, to: number) => {
    for (let k = from; k <= to; k++) if (isExcepted(concept, tokens, k)) return;
    let list = found.get(concept);
    if (!list) {
      list = [];
      found.set(concept, list);
    }
    // tokens are visited in order, so a duplicate can only be among the last ones
    for (let k = list.length - 1; k >= 0 && (list[k] as Occurrence).from === from; k--) if ((list[k] as Occurrence).to === to) return;
    list.push({ from, to });
  };
  for (let i = 0; i < tokens.length; i++) {
    const matches = ids[i] as Map<number, boolean>;
    if (matches.size === 0) continue;
    const next = i + 1 < tokens.length && tokens[i + 1]?.sentence === tokens[i]?.sentence ? ids[i + 1] : undefined;
    for (const wid of matches.keys()) {
      for (const entry of LEXICON.singleEntries.get(wid) ?? []) add(entry.concept, i, i);
      if (!next || next.size === 0) continue;
      for (const wid2 of next.keys()) {
        for (const entry of LEXICON.entriesByFirstPair.get(pairKey(wid, wid2)) ?? []) {
          const last = i + entry.words.length - 1;
          if (last >= tokens.length) continue;
          let ok = true;
          for (let k = 2; k < entry.words.length && ok; k++) {
            ok = tokens[i + k]?.sentence === tokens[i]?.sentence && (ids[i + k]?.has(entry.words[k] ?? -1) ?? false);
          }
          if (ok) add(entry.concept, i, last);
        }
      }
    }
  }
  return found;
}

/** Tokens that END an occurrence of the concept (for negations and fillers). */
function endsOf(found: Map<number, Occurrence[]>, concept: number, size: number): Uint8Array {
  const marks = new Uint8Array(size);
  for (const o of found.get(concept) ?? []) marks[o.to] = 1;
  return marks;
}
function startsOf(found: Map<number, Occurrence[]>, concept: number, size: number): Uint8Array {
  const marks = new Uint8Array(size);
  for (const o of found.get(concept) ?? []) marks[o.from] = 1;
  return marks;
}

interface LanguageMarks {
  negation: Uint8Array;
  negationAfter: Uint8Array;
  filler: Uint8Array;
  ownVoice: Uint8Array;
  firstPerson: Uint8Array;
}

interface Context {
  /** The normalised text the tokens point into. */
  text: string;
  tokens: readonly Token[];
  found: Map<number, Occurrence[]>;
  marks: LanguageMarks[];
}

/** Index of the first occurrence with from ≥ position (occurrences are sorted by from). */
function firstAtOrAfter(list: readonly Occurrence[], position: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Occurrence).from < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inCombo(combo: readonly Occurrence[], t: number): boolean {
  return combo.some((o) => o.from <= t && t <= o.to);
}

/**
 * A negation reaches the next few words of its clause ("не хочу умирать", "I don't want to die",
 * "мама меня не бьет"); fillers ("очень", "really") do not count. A negation that is itself part
 * of the rule ("не хочу жить") does not cancel it. Kazakh negates with a suffix (see the lexicon)
 * and with words AFTER the verb ("ұрған жоқ").
 */
function negated(ctx: Context, rule: Rule, combo: readonly Occurrence[]): boolean {
  const marks = ctx.marks[rule.language];
  const language = LEXICON.languages[rule.language];
  if (!marks || !language) return false;
  for (const o of combo) {
    const clause = ctx.tokens[o.from]?.clause;
    let reach = language.negationScope;
    for (let k = o.from - 1; k >= 0 && reach > 0; k--) {
      if (ctx.tokens[k]?.clause !== clause) break;
      if (inCombo(combo, k)) continue;
      if (marks.negation[k]) return true;
      if (!marks.filler[k]) reach -= 1;
    }
    const after = o.to + 1;
    if (
      after < ctx.tokens.length &&
      ctx.tokens[after]?.clause === ctx.tokens[o.to]?.clause &&
      !inCombo(combo, after) &&
      marks.negationAfter[after]
    )
      return true;
  }
  return false;
}

/**
 * Is the safe-context word at `at` negated ("not joking", "не шучу", "ән емес")? Then it is no
 * safe context. A negation inside the match itself ("can't live with ...") does not count.
 */
function negatedWord(ctx: Context, language: number, at: number, atEnd: number, from: number, to: number): boolean {
  const marks = ctx.marks[language];
  if (!marks) return false;
  const before = at - 1;
  if (
    !(before >= from && before <= to) &&
    before >= 0 &&
    ctx.tokens[before]?.clause === ctx.tokens[at]?.clause &&
    marks.negation[before] === 1
  )
    return true;
  const after = atEnd + 1;
  return (
    !(after >= from && after <= to) &&
    after < ctx.tokens.length &&
    ctx.tokens[after]?.clause === ctx.tokens[atEnd]?.clause &&
    marks.negationAfter[after] === 1
  );
}

/** Punctuation that introduces a quote: what follows is the song's or book's words, not the child's. */
const QUOTE_MARKS = /[:"«»“”„'‘’–—-]/u;

/**
 * Does the child's own voice come between a song/film/book mention (ending at `after`) and the
 * match (starting at `before`, ending at `to`)? A first-person word counts after a clause boundary
 * (in the match too: "фильм көрдім, сосын өзімді өлтіргім келді"). "я пишу стихи, потому что хочу умереть", "эта песня про меня, я хочу ...",
 * "my sister plays music and i want to die". A colon or quotation mark ("строчка из трека: я убью
 * себя") introduces a quote and is no break.
 */
function ownVoiceBetween(ctx: Context, language: number, after: number, before: number, to: number): boolean {
  const marks = ctx.marks[language];
  if (!marks) return false;
  let crossed = false;
  for (let k = after + 1; k <= to; k++) {
    const token = ctx.tokens[k] as Token;
    const previous = ctx.tokens[k - 1] as Token;
    if (previous.clause !== token.clause) {
      if (QUOTE_MARKS.test(ctx.text.slice(previous.end, token.start))) return false;
      crossed = true;
    }
    if (k <= before && marks.ownVoice[k]) return true;
    if (crossed && marks.firstPerson[k]) return true;
  }
  return false;
}

function cancelledByContext(ctx: Context, rule: Rule, from: number, to: number): boolean {
  return (
    (rule.unless.length > 0 && cancelledBy(ctx, rule, rule.unless, rule.unlessWithin, from, to)) ||
    (rule.quoteUnless.length > 0 && cancelledBy(ctx, rule, rule.quoteUnless, rule.quoteWithin, from, to))
  );
}

function cancelledBy(ctx: Context, rule: Rule, concepts: readonly number[], within: number, from: number, to: number): boolean {
  const sentence = ctx.tokens[from]?.sentence;
  const lo = from - within;
  const hi = to + within;
  const ownVoiceContexts = LEXICON.languages[rule.language]?.ownVoiceContexts;
  for (const concept of concepts) {
    const list = ctx.found.get(concept);
    if (!list) continue;
    for (let k = firstAtOrAfter(list, lo); k < list.length; k++) {
      const o = list[k] as Occurrence;
      if (o.from > hi) break;
      if (ctx.tokens[o.from]?.sentence !== sentence || negatedWord(ctx, rule.language, o.from, o.to, from, to)) continue;
      if (ownVoiceContexts?.has(concept) && o.to < from && ownVoiceBetween(ctx, rule.language, o.to, from, to)) continue;
      return true;
    }
  }
  return false;
}

/** Most combinations tried per anchor occurrence: keeps adversarial input linear. */
const MAX_COMBOS_PER_ANCHOR = 64;
/** Multi-word entries stretch a window by their extra words. */
const PHRASE_SLACK = 6;

/** The earliest valid match of a rule, as token range, or null. */
function matchRule(ctx: Context, rule: Rule, notAfter: number): { from: number; to: number } | null {
  const lists: Occurrence[][] = [];
  for (const concept of rule.all) {
    const list = ctx.found.get(concept);
    if (!list) return null;
    lists.push(list);
  }
  const [anchorList, ...others] = lists as [Occurrence[], ...Occurrence[][]];
  let best = null as { from: number; to: number } | null;
  for (const anchor of anchorList) {
    if (anchor.from - rule.within - PHRASE_SLACK > (best?.from ?? notAfter)) break;
    const sentence = ctx.tokens[anchor.from]?.sentence;
    // candidates of every other concept near the anchor, in the same sentence
    const candidates: Occurrence[][] = [];
    let possible = true;
    for (const list of others) {
      const near: Occurrence[] = [];
      for (let k = firstAtOrAfter(list, anchor.from - rule.within - PHRASE_SLACK); k < list.length; k++) {
        const o = list[k] as Occurrence;
        if (o.from > anchor.to + rule.within + PHRASE_SLACK) break;
        if (ctx.tokens[o.from]?.sentence === sentence) near.push(o);
      }
      if (near.length === 0) {
        possible = false;
        break;
      }
      candidates.push(near);
    }
    if (!possible) continue;
    let tried = 0;
    const combo: Occurrence[] = [anchor];
    const search = (depth: number): boolean => {
      if (tried >= MAX_COMBOS_PER_ANCHOR) return false;
      if (depth === candidates.length) {
        tried += 1;
        let from = Infinity;
        let to = -Infinity;
        let covered = 0;
        for (const o of combo) {
          from = Math.min(from, o.from);
          to = Math.max(to, o.to);
          covered += o.to - o.from + 1;
        }
        // "within N": at most N other words between the words of the rule
        if (to - from + 1 - covered > rule.within) return false;
        if (rule.inOrder && combo.some((o, k) => k > 0 && o.from <= (combo[k - 1] as Occurrence).to)) return false;
        if (rule.checkNegation && negated(ctx, rule, combo)) return false;
        if (cancelledByContext(ctx, rule, from, to)) return false;
        if (!best || from < best.from || (from === best.from && to < best.to)) best = { from, to };
        return true;
      }
      for (const o of candidates[depth] ?? []) {
        if (combo.some((c) => c.from <= o.to && o.from <= c.to)) continue; // words may not overlap
        combo.push(o);
        const ok = search(depth + 1);
        combo.pop();
        if (ok) return true;
      }
      return false;
    };
    search(0);
  }
  return best;
}

export function detectRisk(text: string): { level: RiskLevel | null; findings: RiskFinding[] } {
  if (typeof text !== "string" || text.trim() === "") return { level: null, findings: [] };
  const { text: normalised, tokens } = tokenise(text);
  if (tokens.length === 0) return { level: null, findings: [] };
  const found = findConcepts(tokens);
  const marks = LEXICON.languages.map((l) => ({
    negation: endsOf(found, l.negation, tokens.length),
    negationAfter: startsOf(found, l.negationAfter, tokens.length),
    filler: endsOf(found, l.filler, tokens.length),
    ownVoice: startsOf(found, l.ownVoice, tokens.length),
    firstPerson: startsOf(found, l.firstPerson, tokens.length),
  }));
  const ctx: Context = { text: normalised, tokens, found, marks };

  const best = new Map<RiskSignal, { from: number; to: number }>();
  for (const rule of LEXICON.rules) {
    const previous = best.get(rule.signal);
    const m = matchRule(ctx, rule, previous?.from ?? Infinity);
    if (m && (!previous || m.from < previous.from || (m.from === previous.from && m.to < previous.to))) best.set(rule.signal, m);
  }

  const findings: RiskFinding[] = [];
  let level: RiskLevel | null = null;
  for (const signal of SIGNAL_ORDER) {
    const m = best.get(signal);
    if (!m) continue;
    const signalLevel = SIGNAL_LEVEL[signal];
    findings.push({ signal, level: signalLevel, match: fragment(normalised, tokens, m.from, m.to) });
    if (!level || LEVEL_RANK[signalLevel] > LEVEL_RANK[level]) level = signalLevel;
  }
  return { level, findings };
}
