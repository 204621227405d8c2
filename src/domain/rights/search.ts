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

function wordScore(word: string, stem: string): number {
  const s = stem.replace(/ё/g, "е").toLowerCase();
  if (word.startsWith(s)) return s.length;
  // One typo in a longer stem still counts ("обзывют", "cyberbulying"), but less than an exact
  // stem, so "name" finds the topic about names before the one about name-calling ("names").
  if (s.length >= 5 && word.length >= s.length - 1 && (withinOneEdit(word.slice(0, s.length), s) || withinOneEdit(word.slice(0, s.length - 1), s) || withinOneEdit(word.slice(0, s.length + 1), s))) {
    return (s.length - 1) * 0.75;
  }
  return 0;
}

export function searchTopics(library: RightsLibrary, query: string, language: "kk" | "ru" | "en", limit = 3): SearchHit[] {
  const words = normalize(query);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const topic of library.topics) {
    let score = 0;
    for (const lang of ["kk", "ru", "en"] as const) {
      // The child's own language counts a bit more when languages share a stem.
      const weight = lang === language ? 1.2 : 1;
      for (const word of words) {
        const best = Math.max(0, ...topic.keywords[lang].map((stem) => wordScore(word, stem)));
        score += best * weight;
      }
    }
    if (score > 0) hits.push({ topic, score });
  }
  // Stable sort keeps the library's order on ties.
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
