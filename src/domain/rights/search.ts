// "Ask in your own words": matches a child's question against each topic's keyword stems, in
// all three languages (children mix them), with room for word endings, one typo, Kazakh typed
// without its letters and Russian or Kazakh typed in Latin letters (see spelling.ts).
//
// A stem is a word's beginning ("бьет" finds «бьёт», «бьют»). Marks refine it:
//   "=bet"          the whole word only (a short word that begins many others: "better");
//   "~друг"         context: it counts for half, and alone never finds a topic ("my friend …"
//                   points to the topic about a friend in trouble only with the trouble named);
//                   two different context stems together do ("support" + "autism");
//   "хоч жить"      a phrase: stems of words that follow one another («не хочется жить»), for
//                   set expressions whose words alone mean little («қуып жіберді», "id card").
import type { RightsLibrary, Topic } from "./library.js";
import { foldWord, wordForms } from "./spelling.js";
import { createStemIndex, type StemIndex } from "./stem-index.js";

export interface SearchHit {
  topic: Topic;
  score: number;
}

interface Stem {
  text: string;
  exact: boolean;
  weight: number;
}

interface Phrase {
  parts: string[];
  weight: number;
}

const CONTEXT_WEIGHT = 0.5;

const normalize = (text: string) =>
  text
    .toLowerCase()
    // "don't", "b'yut", "children's": an apostrophe joins a word, it does not split it.
    .replace(/(\p{L})['’ʼ`](\p{L})/gu, "$1$2")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w.length >= 2);

/** Damerau-Levenshtein distance, capped: only "0, 1 or more" matters here. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1);
  if (a.length === b.length) return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A whole word is specific however short ("ex", "id", "bet"): it scores as a 4-letter stem. */
const EXACT_MIN_SCORE = 4;

/** A typo is allowed in stems this long; in a transliterated word (already a guess), longer ones only. */
const TYPO_MIN_STEM = 5;
const TYPO_MIN_STEM_TRANSLITERATED = 6;

function wordScore(word: string, stem: Stem, transliterated = false): number {
  const s = stem.text;
  if (stem.exact) return word === s ? Math.max(s.length, EXACT_MIN_SCORE) : 0;
  if (word.startsWith(s)) return s.length;
  // One typo in a longer stem still counts ("обзывют", "cyberbulying"), but less than an exact
  // stem, so "name" finds the topic about names before the one about name-calling ("names").
  // Not for a context stem: a hint that is also a guess is noise («когда» is not «қолда»).
  if (
    stem.weight === 1 &&
    s.length >= (transliterated ? TYPO_MIN_STEM_TRANSLITERATED : TYPO_MIN_STEM) &&
    word.length >= s.length - 1 &&
    (withinOneEdit(word.slice(0, s.length), s) ||
      withinOneEdit(word.slice(0, s.length - 1), s) ||
      withinOneEdit(word.slice(0, s.length + 1), s))
  ) {
    return (s.length - 1) * 0.75;
  }
  return 0;
}

/** A phrase counts once, as long as its stems together, where its words follow one another. */
function phraseScore(words: string[], phrase: Phrase): number {
  const { parts } = phrase;
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((part, k) => words[i + k]!.startsWith(part))) return parts.join("").length;
  }
  return 0;
}

/**
 * A question is a few sentences; a 4,096-character message must not block the server. Only this
 * many distinct words are compared (each once, however often it is repeated), and phrases only
 * within the first words.
 */
const MAX_DISTINCT_WORDS = 80;
const MAX_PHRASE_WORDS = 200;
const MAX_WORD_LENGTH = 40;
const MIN_SHARE_OF_BEST = 0.4;

type Language = "kk" | "ru" | "en";
type PreparedTopic = Record<Language, { stems: Stem[]; phrases: Phrase[] }>;
const preparedLibraries = new WeakMap<RightsLibrary, PreparedTopic[]>();

function prepare(raw: string[]): { stems: Stem[]; phrases: Phrase[] } {
  const stems: Stem[] = [];
  const phrases: Phrase[] = [];
  for (const entry of raw) {
    let text = entry.toLowerCase().trim();
    const weight = text.startsWith("~") ? CONTEXT_WEIGHT : 1;
    if (weight !== 1) text = text.slice(1);
    if (/\s/.test(text)) {
      phrases.push({ parts: text.split(/\s+/).map(foldWord), weight });
      continue;
    }
    const exact = text.startsWith("=");
    stems.push({ text: foldWord(exact ? text.slice(1) : text), exact, weight });
  }
  return { stems, phrases };
}

/** Stems parsed and folded once per library, not once per comparison. */
function preparedTopics(library: RightsLibrary): PreparedTopic[] {
  let prepared = preparedLibraries.get(library);
  if (!prepared) {
    prepared = library.topics.map((t) => ({ kk: prepare(t.keywords.kk), ru: prepare(t.keywords.ru), en: prepare(t.keywords.en) }));
    preparedLibraries.set(library, prepared);
  }
  return prepared;
}

/** A stem with the topic and language it belongs to, as the index holds it. */
interface Entry {
  text: string;
  exact: boolean;
  topic: number;
  lang: Language;
  stem: Stem;
}

/** Every stem of the library, by script: a word's Cyrillic form meets kk and ru stems, its Latin form en stems. */
interface Indexes {
  cyrillic: StemIndex<Entry>;
  latin: StemIndex<Entry>;
  /** Each topic's stems (the exhaustive search, which the index must agree with). */
  all: Entry[][];
}
const indexedLibraries = new WeakMap<RightsLibrary, Indexes>();

function indexes(library: RightsLibrary): Indexes {
  let found = indexedLibraries.get(library);
  if (!found) {
    const all = preparedTopics(library).map((topic, index) =>
      (["kk", "ru", "en"] as const).flatMap((lang) =>
        topic[lang].stems.map((stem): Entry => ({ text: stem.text, exact: stem.exact, topic: index, lang, stem })),
      ),
    );
    const entries = all.flat();
    found = {
      cyrillic: createStemIndex(entries.filter((e) => e.lang !== "en")),
      latin: createStemIndex(entries.filter((e) => e.lang === "en")),
      all,
    };
    indexedLibraries.set(library, found);
  }
  return found;
}

/**
 * Prepares the library's stems and indexes once, at start, so the first child's question does not
 * pay for it (the app calls this when it is built).
 */
export function prepareSearch(library: RightsLibrary): void {
  indexes(library);
}

type Forms = ReturnType<typeof wordForms>;
/** The stems a word may match, by topic: every stem that scores for it is among them. */
type Candidates = (forms: Forms) => Map<number, Entry[]>;

function indexedCandidates(library: RightsLibrary): Candidates {
  const { cyrillic, latin } = indexes(library);
  return (forms) => {
    const byTopic = new Map<number, Entry[]>();
    const add = (entry: Entry) => {
      const list = byTopic.get(entry.topic);
      if (list) list.push(entry);
      else byTopic.set(entry.topic, [entry]);
    };
    cyrillic.match(forms.cyrillic, add);
    latin.match(forms.latin, add);
    return byTopic;
  };
}

export function searchTopics(library: RightsLibrary, query: string, language: Language, limit = 3): SearchHit[] {
  return search(library, query, language, limit, indexedCandidates(library));
}

/** The same search comparing every word with every stem: what the index must agree with (a test), and how much it saves (bench/rights-search.ts). */
export function searchTopicsComparingEveryStem(library: RightsLibrary, query: string, language: Language, limit = 3): SearchHit[] {
  const { all } = indexes(library);
  return search(library, query, language, limit, () => new Map(all.map((entries, topic) => [topic, entries])));
}

function search(library: RightsLibrary, query: string, language: Language, limit: number, candidatesOf: Candidates): SearchHit[] {
  const ordered: string[] = [];
  const counts = new Map<string, number>();
  for (const word of normalize(query)) {
    if (word.length > MAX_WORD_LENGTH) continue;
    if (ordered.length < MAX_PHRASE_WORDS) ordered.push(word);
    if (!counts.has(word) && counts.size >= MAX_DISTINCT_WORDS) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  // Latin words from a Kazakh or Russian reader are read as transliteration too.
  const transliterate = language !== "en";
  const formsOf = new Map([...counts.keys()].map((word) => [word, wordForms(word, transliterate)]));
  const words = [...counts].map(([word, count]) => ({ forms: formsOf.get(word)!, count }));
  const sequence = {
    latin: ordered.map((w) => (formsOf.get(w) ?? wordForms(w, transliterate)).latin),
    cyrillic: ordered.map((w) => (formsOf.get(w) ?? wordForms(w, transliterate)).cyrillic),
  };
  const prepared = preparedTopics(library);
  // Each word's stems come from the index built at start (stem-index.ts): a few lookups per word,
  // not a comparison with each of the library's stems. wordScore still decides every score.
  const candidates = words.map(({ forms }) => candidatesOf(forms));
  const hits: SearchHit[] = [];
  library.topics.forEach((topic, index) => {
    let score = 0;
    let named = false;
    const context = new Set<Stem>();
    // Each word counts once, by its best stem in any language: a stem the Kazakh and Russian
    // lists share («алимент», «телефон») must not count twice. The child's own language counts
    // a bit more.
    words.forEach(({ forms, count }, w) => {
      let best = 0;
      for (const { lang, stem } of candidates[w]!.get(index) ?? []) {
        const weight = lang === language ? 1.2 : 1;
        const script = lang === "en" ? "latin" : "cyrillic";
        const s = wordScore(forms[script], stem, script === "cyrillic" && forms.transliterated) * stem.weight;
        if (s * weight > best) best = s * weight;
        if (s > 0 && stem.weight === 1) named = true;
        else if (s > 0) context.add(stem);
      }
      score += best * count;
    });
    for (const lang of ["kk", "ru", "en"] as const) {
      const weight = lang === language ? 1.2 : 1;
      const { phrases } = prepared[index]![lang];
      const script = lang === "en" ? "latin" : "cyrillic";
      for (const phrase of phrases) {
        const s = phraseScore(sequence[script], phrase) * phrase.weight;
        if (s > 0 && phrase.weight === 1) named = true;
        score += s * weight;
      }
    }
    if ((named || context.size >= 2) && score > 0) hits.push({ topic, score });
  });
  // Stable sort keeps the library's order on ties. Hits far below the best one are noise (a short
  // stem that happened to match), not a second answer: they are left out.
  const sorted = hits.sort((a, b) => b.score - a.score);
  const best = sorted[0]?.score ?? 0;
  return sorted.filter((h) => h.score >= best * MIN_SHARE_OF_BEST).slice(0, limit);
}
