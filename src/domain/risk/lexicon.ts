/**
 * Compiles the lexicon files (lexicons/*.json, written for child-protection specialists) into
 * word tries and rule tables. See the "$comment" at the top of each JSON file for the format.
 * Mistakes in a file (a rule naming an unknown concept, an unknown signal) throw at load time,
 * so a broken edit fails the tests instead of silently weakening detection.
 */
import { cyrillicKey, foldCyrillic, latinKey, WordTrie } from "./normalise.js";

export type RiskSignal =
  | "suicide"
  | "self_harm"
  | "sexual_abuse"
  | "immediate_danger"
  | "violence"
  | "bullying"
  | "neglect"
  | "threats"
  | "extortion"
  | "online_harm"
  | "forced_work";
export type RiskLevel = "urgent" | "high" | "concern";

export const SIGNAL_ORDER: readonly RiskSignal[] = [
  "suicide",
  "self_harm",
  "sexual_abuse",
  "immediate_danger",
  "violence",
  "bullying",
  "neglect",
  "threats",
  "extortion",
  "online_harm",
  "forced_work",
];
export const SIGNAL_LEVEL: Readonly<Record<RiskSignal, RiskLevel>> = {
  suicide: "urgent",
  self_harm: "urgent",
  sexual_abuse: "urgent",
  immediate_danger: "urgent",
  violence: "high",
  bullying: "concern",
  neglect: "concern",
  threats: "concern",
  extortion: "concern",
  online_harm: "concern",
  forced_work: "concern",
};

/** The shape of a lexicon file as written. */
export interface LexiconFile {
  $comment?: unknown;
  language: string;
  negation?: string[];
  negation_after?: string[];
  filler?: string[];
  negation_scope?: number;
  unless_everywhere?: string[];
  unless_within?: number;
  /**
   * Songs, lyrics, quotes, films, books, poems: concepts that cancel every rule of the listed
   * signals within `within` words in the same sentence ("слушаю песню умирать не страшно"),
   * unless the child's own voice comes in between (see own_voice).
   */
  quote_context?: { concepts: string[]; signals: string[]; within?: number };
  /**
   * The child's own statement after a mention of a song or film: a conjunction ("а я", "but i",
   * "бірақ") or, after a comma, a first-person word ("эта песня про меня, я хочу ..."). A colon or
   * quotation mark introduces a quote and is no break. Applies to the quote_context concepts and to
   * the concepts listed in own_voice_contexts.
   */
  own_voice?: string[];
  first_person?: string[];
  own_voice_contexts?: string[];
  concepts: Record<string, string[] | { words: string[]; except?: string[]; $comment?: unknown }>;
  rules: {
    signal: string;
    all: string[];
    within?: number;
    unless?: string[];
    unless_within?: number;
    ignore_negation?: boolean;
    in_order?: boolean;
    $comment?: unknown;
  }[];
}

/** One word of an entry: a key in one of the tries. */
interface WordPattern {
  latin: boolean;
  key: string;
  stem: boolean;
}

/** A concept entry: one or more consecutive words (ids of word patterns). */
export interface Entry {
  concept: number;
  words: number[];
}

export interface ExceptWord {
  latin: boolean;
  /** Folded, NOT collapsed; compared with both forms of the word. */
  keys: string[];
  stem: boolean;
}
/** An except entry: one or more consecutive words. */
export type Except = ExceptWord[];

export interface Concept {
  id: number;
  name: string;
  except: Except[];
}

export interface Rule {
  signal: RiskSignal;
  level: RiskLevel;
  /** Concept ids. */
  all: number[];
  within: number;
  unless: number[];
  unlessWithin: number;
  checkNegation: boolean;
  /** Quote contexts (songs, films...) of the language that cancel this rule, and their reach. */
  quoteUnless: number[];
  quoteWithin: number;
  /** The concepts must appear in the order listed (English: "hits me" ≠ "my brother punched"). */
  inOrder: boolean;
  language: number;
}

export interface Language {
  index: number;
  name: string;
  negation: number;
  negationAfter: number;
  filler: number;
  /** How many words after a negation it reaches (fillers not counted). */
  negationScope: number;
  ownVoice: number;
  firstPerson: number;
  /** Safe-context concepts that the child's own voice in between does not let cancel a match. */
  ownVoiceContexts: Set<number>;
}

export interface CompiledLexicon {
  latinTrie: WordTrie;
  cyrillicTrie: WordTrie;
  /** Ids of word patterns from the English lexicon (a Latin word matching one is English). */
  englishWords: Set<number>;
  /** English lexicon words as written, lowercase (a Latin token spelled so is English: "bit" is no Kazakh "бит"). */
  englishSpellings: Set<string>;
  /** One-word entries by the id of their word pattern. */
  singleEntries: Map<number, Entry[]>;
  /** Longer entries by pairKey(first word id, second word id). */
  entriesByFirstPair: Map<number, Entry[]>;
  concepts: Concept[];
  rules: Rule[];
  languages: Language[];
}

const LATIN = /\p{Script=Latin}/u;

/** One number for a pair of word pattern ids (ids stay far below 2^20). */
export const pairKey = (first: number, second: number): number => first * 1_048_576 + second;
const DEFAULT_WITHIN = 4;
const DEFAULT_UNLESS_WITHIN = 8;

/**
 * "өлгім" → ["олгим", "улгим"]: children type ө as о or у. In Kazakh entries і is also typed as
 * ы on a Russian keyboard ("olgym", "өлгым").
 */
function cyrillicVariants(word: string, kazakh = false): string[] {
  const lower = word.toLowerCase();
  const options = (c: string): string[] => (c === "ө" ? ["о", "у"] : kazakh && c === "і" ? ["и", "ы"] : [foldCyrillic(c)]);
  if (!lower.includes("ө") && !(kazakh && lower.includes("і"))) return [foldCyrillic(lower)];
  let variants = [""];
  for (const c of lower) {
    const next = options(c);
    variants = variants.flatMap((v) => next.map((o) => v + o)).slice(0, 16);
  }
  return variants;
}

/** "поконч- с собой" → [{поконч, stem}, {с}, {собой}]; a hyphen inside a word splits it ("ұрып-соғады"). */
function splitEntry(entry: string): { text: string; stem: boolean }[] {
  const out: { text: string; stem: boolean }[] = [];
  for (const piece of entry.trim().split(/\s+/u)) {
    const stem = piece.length > 1 && piece.endsWith("-");
    const parts = (stem ? piece.slice(0, -1) : piece).split("-").filter((part) => part !== "");
    parts.forEach((text, i) => out.push({ text, stem: stem && i === parts.length - 1 }));
  }
  return out;
}

export function compileLexicons(files: readonly LexiconFile[]): CompiledLexicon {
  const latinTrie = new WordTrie(false);
  const cyrillicTrie = new WordTrie();
  const wordIds = new Map<string, number>();
  const englishWords = new Set<number>();
  const englishSpellings = new Set<string>();
  let currentLanguage = "";
  const singleEntries = new Map<number, Entry[]>();
  const entriesByFirstPair = new Map<number, Entry[]>();
  const concepts: Concept[] = [];
  const rules: Rule[] = [];
  const languages: Language[] = [];

  const wordIdCache = new Map<string, number[]>();
  const wordId = (text: string, stem: boolean): number[] => {
    const cacheKey = `${currentLanguage}|${stem ? "s" : "w"}|${text}`;
    const cached = wordIdCache.get(cacheKey);
    if (cached) return cached;
    const ids = newWordIds(text, stem);
    wordIdCache.set(cacheKey, ids);
    return ids;
  };
  const newWordIds = (text: string, stem: boolean): number[] => {
    const latin = LATIN.test(text);
    const keys = latin ? [latinKey(text)] : cyrillicVariants(text, currentLanguage === "kk").map((v) => cyrillicKey(v));
    return [...new Set(keys)].map((key) => {
      const signature = `${latin ? "L" : "C"}|${stem ? "s" : "w"}|${key}`;
      let id = wordIds.get(signature);
      if (id === undefined) {
        id = wordIds.size;
        wordIds.set(signature, id);
        const pattern: WordPattern = { latin, key, stem };
        (pattern.latin ? latinTrie : cyrillicTrie).add(pattern.key, { id, stem: pattern.stem, length: key.length });
      }
      if (currentLanguage === "en") {
        englishWords.add(id);
        if (text.length >= 3) englishSpellings.add(text.toLowerCase());
      }
      return id;
    });
  };

  const addConcept = (name: string, words: readonly string[], except: readonly string[]): number => {
    const id = concepts.length;
    concepts.push({
      id,
      name,
      except: except
        .map((e) =>
          splitEntry(e).map(({ text, stem }) => {
            const latin = LATIN.test(text);
            return { latin, stem, keys: latin ? [text.toLowerCase()] : cyrillicVariants(text) };
          }),
        )
        .filter((words) => words.length > 0),
    });
    for (const entry of words) {
      const pieces = splitEntry(entry);
      if (pieces.length === 0) continue;
      // every combination of the pieces' key variants
      const idLists = pieces.map((piece) => wordId(piece.text, piece.stem));
      let sequences: number[][];
      if (idLists.every((ids) => ids.length === 1)) sequences = [idLists.map((ids) => ids[0] as number)];
      else {
        sequences = [[]];
        for (const ids of idLists) sequences = sequences.flatMap((s) => ids.map((wid) => [...s, wid])).slice(0, 64);
      }
      for (const sequence of sequences) {
        const [first, second] = sequence;
        if (first === undefined) continue;
        const entry = { concept: id, words: sequence };
        if (second === undefined) {
          const list = singleEntries.get(first) ?? [];
          if (!list.some((e) => e.concept === id)) list.push(entry);
          singleEntries.set(first, list);
        } else {
          const key = pairKey(first, second);
          const list = entriesByFirstPair.get(key) ?? [];
          list.push(entry);
          entriesByFirstPair.set(key, list);
        }
      }
    }
    return id;
  };

  files.forEach((file, index) => {
    const lang = file.language;
    currentLanguage = lang;
    const names = new Map<string, number>();
    for (const [name, value] of Object.entries(file.concepts)) {
      if (name.startsWith("$")) continue;
      const words = Array.isArray(value) ? value : value.words;
      const except = Array.isArray(value) ? [] : (value.except ?? []);
      names.set(name, addConcept(`${lang}:${name}`, words, except));
    }
    const resolve = (name: string, where: string): number => {
      const id = names.get(name);
      if (id === undefined) throw new Error(`risk lexicon ${lang}: unknown concept "${name}" in ${where}`);
      return id;
    };
    const language: Language = {
      index,
      name: lang,
      negation: addConcept(`${lang}:(negation)`, file.negation ?? [], []),
      negationAfter: addConcept(`${lang}:(negation_after)`, file.negation_after ?? [], []),
      filler: addConcept(`${lang}:(filler)`, file.filler ?? [], []),
      negationScope: file.negation_scope ?? 2,
      ownVoice: addConcept(`${lang}:(own_voice)`, file.own_voice ?? [], []),
      firstPerson: addConcept(`${lang}:(first_person)`, file.first_person ?? [], []),
      ownVoiceContexts: new Set(
        [...(file.quote_context?.concepts ?? []), ...(file.own_voice_contexts ?? [])].map((n) => resolve(n, "own_voice_contexts")),
      ),
    };
    const quote = file.quote_context;
    const quoteConcepts = (quote?.concepts ?? []).map((n) => resolve(n, "quote_context"));
    for (const signal of quote?.signals ?? [])
      if (!(SIGNAL_ORDER as readonly string[]).includes(signal))
        throw new Error(`risk lexicon ${lang}: unknown signal "${signal}" in quote_context`);
    languages.push(language);
    const everywhere = (file.unless_everywhere ?? []).map((n) => resolve(n, "unless_everywhere"));
    file.rules.forEach((rule, r) => {
      const where = `rule ${r + 1} (${rule.signal}: ${rule.all.join(" + ")})`;
      if (!(SIGNAL_ORDER as readonly string[]).includes(rule.signal)) throw new Error(`risk lexicon ${lang}: unknown signal in ${where}`);
      if (rule.all.length === 0) throw new Error(`risk lexicon ${lang}: empty rule ${where}`);
      const signal = rule.signal as RiskSignal;
      rules.push({
        signal,
        level: SIGNAL_LEVEL[signal],
        all: rule.all.map((n) => resolve(n, where)),
        within: rule.within ?? DEFAULT_WITHIN,
        unless: [...new Set([...everywhere, ...(rule.unless ?? []).map((n) => resolve(n, where))])],
        unlessWithin: rule.unless_within ?? file.unless_within ?? DEFAULT_UNLESS_WITHIN,
        checkNegation: rule.ignore_negation !== true,
        quoteUnless: quote?.signals.includes(signal) ? quoteConcepts : [],
        quoteWithin: quote?.within ?? DEFAULT_UNLESS_WITHIN,
        inOrder: rule.in_order === true,
        language: index,
      });
    });
  });

  return { latinTrie, cyrillicTrie, englishWords, englishSpellings, singleEntries, entriesByFirstPair, concepts, rules, languages };
}
