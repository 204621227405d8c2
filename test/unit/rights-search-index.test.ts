// The rights search looks a word's stems up in an index built at start (stem-index.ts) instead
// of comparing the word with every stem. It must find exactly what comparing with every stem
// finds: the same topics, in the same order, with the same scores, for children's questions,
// for typos of every kind, and for the adversarial messages the benchmark uses.
import { describe, expect, it } from "vitest";
import { rightsLibrary } from "../../src/domain/rights/library.ts";
import { searchTopics, searchTopicsComparingEveryStem } from "../../src/domain/rights/search.ts";
import { createStemIndex } from "../../src/domain/rights/stem-index.ts";
import fixtures from "../fixtures/rights-search.json" with { type: "json" };

type Lang = "kk" | "ru" | "en";
const library = rightsLibrary();
const langs: Lang[] = ["kk", "ru", "en"];
const same = (query: string, lang: Lang) => {
  const fast = searchTopics(library, query, lang, 5).map((h) => [h.topic.id, h.score]);
  const slow = searchTopicsComparingEveryStem(library, query, lang, 5).map((h) => [h.topic.id, h.score]);
  expect(fast, `${lang}: ${query.slice(0, 80)}`).toEqual(slow);
  return fast.length;
};

/** Every stem of the library with one edit of each kind, at its start, middle and end. */
function mutations(lang: Lang): string[] {
  const out: string[] = [];
  for (const topic of library.topics) {
    for (const raw of topic.keywords[lang]) {
      const stem = raw.replace(/^[~=]+/, "").split(/\s+/)[0]!;
      for (const i of [0, Math.floor(stem.length / 2), stem.length - 1]) {
        out.push(stem.slice(0, i) + "x" + stem.slice(i + 1)); // substitution
        out.push(stem.slice(0, i) + stem.slice(i + 1)); // deletion
        out.push(stem.slice(0, i) + stem[i] + stem.slice(i)); // insertion
        out.push(stem.slice(0, i) + (stem[i + 1] ?? "") + stem[i] + stem.slice(i + 2)); // neighbours swapped
      }
      out.push(stem + "ами", stem.toUpperCase(), stem.slice(0, -1));
    }
  }
  return out;
}

describe("the rights search index", () => {
  it.each(langs)("finds what comparing every stem finds, for the children's questions read in %s", (lang) => {
    let found = 0;
    for (const list of Object.values(fixtures)) for (const { q } of list) found += same(q, lang) > 0 ? 1 : 0;
    // The questions do find topics (the comparison is not between two empty lists).
    expect(found).toBeGreaterThan(Object.values(fixtures).flat().length / 2);
  });

  it.each(langs)("finds what comparing every stem finds, for every %s stem with a typo of each kind", (lang) => {
    const words = mutations(lang);
    for (let i = 0; i < words.length; i += 7) same(words.slice(i, i + 7).join(" "), lang);
    for (const word of words.filter((_, i) => i % 11 === 0)) same(word, lang);
  });

  it("agrees on adversarial 4,096-character messages", () => {
    const fill = (words: string[]) =>
      words
        .join(" ")
        .repeat(4096 / Math.max(1, words.join(" ").length) + 1)
        .slice(0, 4096);
    for (const lang of langs) {
      same(fill(mutations(lang)), lang);
      same(fill(mutations("en").map((w) => w + "y")), lang);
    }
    same("ж".repeat(4096), "ru");
    same(fill(["не"]), "ru");
  });

  it("matches beginnings, whole words, and one edit of a stem of five letters or more", () => {
    const stems = [
      { text: "обзыва", exact: false },
      { text: "bet", exact: true },
      { text: "бьет", exact: false },
    ];
    const index = createStemIndex(stems);
    const found = (word: string) => {
      const hits = new Set<string>();
      index.match(word, (stem) => hits.add(stem.text));
      return [...hits].sort();
    };
    expect(found("обзывают")).toEqual(["обзыва"]);
    expect(found("обзывют")).toContain("обзыва"); // a letter missing
    expect(found("абзывают")).toContain("обзыва"); // the first letter wrong
    expect(found("обызвают")).toContain("обзыва"); // two neighbours swapped
    expect(found("bet")).toEqual(["bet"]);
    expect(found("better")).toEqual([]); // a whole-word stem is not a beginning
    expect(found("бьют")).toEqual([]); // four letters: no typo allowed
    expect(found("бьеттт")).toEqual(["бьет"]);
  });
});
