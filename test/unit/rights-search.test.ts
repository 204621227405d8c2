// How the rights search reads a child's spelling and the library's marks, on the real library:
// the questions children ask are in test/fixtures/rights-search.json (rights-library.test.ts).
import { describe, expect, it } from "vitest";
import { loadRightsLibrary, rightsLibrary, type RightsLibrary } from "../../src/domain/rights/library.ts";
import { searchTopics } from "../../src/domain/rights/search.ts";
import { looksLikeQuestion } from "../../src/domain/rights/question.ts";
import { foldWord, wordForms } from "../../src/domain/rights/spelling.ts";

const library = loadRightsLibrary();
const top = (q: string, lang: "kk" | "ru" | "en") => searchTopics(library, q, lang)[0]?.topic.id;

/** The real library's first topic, with only these keywords: the marks, tested one at a time. */
function withKeywords(keywords: Partial<Record<"kk" | "ru" | "en", string[]>>): RightsLibrary {
  const topic = { ...library.topics[0]!, keywords: { kk: [], ru: [], en: [], ...keywords } };
  return { ...library, topics: [topic] };
}

describe("spelling", () => {
  it("folds Kazakh letters, ы/и, й, ь and ъ, and Latin look-alikes inside Cyrillic words", () => {
    expect(foldWord("құқығым")).toBe(foldWord("кукыгым"));
    expect(foldWord("бьют")).toBe("бют");
    expect(foldWord("мұғалiм")).toBe(foldWord("мұғалім"));
    expect(foldWord("үйден")).toBe(foldWord("уыден"));
  });

  it("reads Latin words as transliteration only for a Kazakh or Russian reader", () => {
    expect(wordForms("vygnali", true).cyrillic).toBe(foldWord("выгнали"));
    expect(wordForms("zhit", true).cyrillic).toBe(foldWord("жить"));
    expect(wordForms("parents", false)).toEqual({ latin: "parents", cyrillic: "parents", transliterated: false });
  });

  it("keyboard noise is not a guess of a guess: a transliteration gets a typo only in a longer stem", () => {
    const lib = rightsLibrary();
    for (const lang of ["kk", "ru", "en"] as const)
      for (const noise of ["asdf qwerty", "qwerty", "zxcvbn", "ghjkl"])
        expect(searchTopics(lib, noise, lang), `${lang}: ${noise}`).toEqual([]);
  });
});

describe("search marks", () => {
  it("a context stem alone finds nothing; two different ones, or one with a named stem, do", () => {
    const lib = withKeywords({ en: ["~friend", "~support", "cutting"] });
    expect(searchTopics(lib, "my friend is nice", "en")).toEqual([]);
    expect(searchTopics(lib, "how to support a friend", "en")).toHaveLength(1);
    expect(searchTopics(lib, "my friend is cutting", "en")[0]!.score).toBeGreaterThan(searchTopics(lib, "cutting", "en")[0]!.score);
  });

  it("an exact stem matches the whole word only, and scores like a 4-letter stem", () => {
    const lib = withKeywords({ en: ["=bet"] });
    expect(searchTopics(lib, "better not", "en")).toEqual([]);
    expect(searchTopics(lib, "i bet on football", "en")[0]!.score).toBeCloseTo(4 * 1.2);
  });

  it("a phrase needs its words in a row", () => {
    const lib = withKeywords({ kk: ["қуып жібер"] });
    expect(searchTopics(lib, "мені үйден қуып жіберді", "kk")).toHaveLength(1);
    expect(searchTopics(lib, "жіберді де қуып кетті", "kk")).toEqual([]);
  });

  it("a stem shared by two languages counts once", () => {
    const both = withKeywords({ kk: ["телефон"], ru: ["телефон"] });
    const one = withKeywords({ ru: ["телефон"] });
    expect(searchTopics(both, "телефон", "ru")[0]!.score).toBe(searchTopics(one, "телефон", "ru")[0]!.score);
  });
});

describe("children's spelling on the real library", () => {
  it.each([
    ["кукыктарым кандай", "kk", "rights_basics"],
    ["menya vygnali iz doma", "ru", "nowhere_to_live"],
    ["ne hochu zhit", "ru", "mental_health"],
    ["meni uyden kuyp jiberdi", "kk", "nowhere_to_live"],
    ["мен-ің досым өзін-өзі кесіп жүр", "kk", "friend_in_crisis"],
    ["my friend hurts herself", "en", "friend_in_crisis"],
  ] as const)("%s (%s) -> %s", (q, lang, topic) => {
    expect(top(q, lang)).toBe(topic);
  });
});

describe("looksLikeQuestion", () => {
  it.each(["где мне ночевать", "қайда барамын", "mozhno li rabotat v 14", "qalai komektesem", "can i sue my parents"])(
    "%s is a question",
    (q) => {
      expect(looksLikeQuestion(q)).toBe(true);
    },
  );
  it.each(["меня бьют дома", "мені ұрады", "my dad hits me"])("%s is a story", (q) => {
    expect(looksLikeQuestion(q)).toBe(false);
  });
});
