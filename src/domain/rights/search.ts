// "Ask in your own words": matches a child's question against each topic's keyword stems, in
// all three languages (children mix them), with room for word endings and one typo.
import type { RightsLibrary, Topic } from "./library.js";

export interface SearchHit {
  topic: Topic;
  score: number;
}

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/ё/g, "е")
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

function wordScore(word: string, s: string): number {
  if (word.startsWith(s)) return s.length;
  // One typo in a longer stem still counts ("обзывют", "cyberbulying"), but less than an exact
  // stem, so "name" finds the topic about names before the one about name-calling ("names").
  if (s.length >= 5 && word.length >= s.length - 1 && (withinOneEdit(word.slice(0, s.length), s) || withinOneEdit(word.slice(0, s.length - 1), s) || withinOneEdit(word.slice(0, s.length + 1), s))) {
    return (s.length - 1) * 0.75;
  }
  return 0;
}

/**
 * A question is a few sentences; a 4,096-character message must not block the server. Only this
 * many distinct words are compared (each once, however often it is repeated).
 */
const MAX_DISTINCT_WORDS = 80;
const MAX_WORD_LENGTH = 40;
const MIN_SHARE_OF_BEST = 0.4;

type PreparedStems = Record<"kk" | "ru" | "en", string[]>[];
const preparedLibraries = new WeakMap<RightsLibrary, PreparedStems>();

/** Stems lowercased once per library, not once per comparison. */
function preparedStems(library: RightsLibrary): PreparedStems {
  let prepared = preparedLibraries.get(library);
  if (!prepared) {
    const clean = (stems: string[]) => stems.map((stem) => stem.replace(/ё/g, "е").toLowerCase());
    prepared = library.topics.map((t) => ({ kk: clean(t.keywords.kk), ru: clean(t.keywords.ru), en: clean(t.keywords.en) }));
    preparedLibraries.set(library, prepared);
  }
  return prepared;
}

export function searchTopics(library: RightsLibrary, query: string, language: "kk" | "ru" | "en", limit = 3): SearchHit[] {
  const counts = new Map<string, number>();
  for (const word of normalize(query)) {
    if (word.length > MAX_WORD_LENGTH) continue;
    if (!counts.has(word) && counts.size >= MAX_DISTINCT_WORDS) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const stems = preparedStems(library);
  const hits: SearchHit[] = [];
  library.topics.forEach((topic, index) => {
    let score = 0;
    for (const lang of ["kk", "ru", "en"] as const) {
      // The child's own language counts a bit more when languages share a stem.
      const weight = lang === language ? 1.2 : 1;
      for (const [word, count] of counts) {
        let best = 0;
        for (const stem of stems[index]![lang]) best = Math.max(best, wordScore(word, stem));
        score += best * weight * count;
      }
    }
    if (score > 0) hits.push({ topic, score });
  });
  // Stable sort keeps the library's order on ties. Hits far below the best one are noise (a short
  // stem that happened to match), not a second answer: they are left out.
  const sorted = hits.sort((a, b) => b.score - a.score);
  const best = sorted[0]?.score ?? 0;
  return sorted.filter((h) => h.score >= best * MIN_SHARE_OF_BEST).slice(0, limit);
}
