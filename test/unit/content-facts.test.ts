// Facts only where verified: every child-facing text that states a fact cites a verified fact
// (flows/facts.json) with its source and check date, nothing known to be unverified is stated, and
// the three languages state the same numbers.
//
// "Fact-bearing", mechanically: a text names a year, cites an article, names a law (law, Code,
// convention, constitution in any language) or a help line (101-104, 111, 112, 150); in the rights
// library and the help screen, any number at all (an age, "24/7"). List numbers ("1. "),
// placeholders and the example case code do not count; elsewhere other numbers are the bot's own
// rules ("3 minutes", "20 MB"), not facts about the world.
import { describe, expect, it } from "vitest";
import { loadFacts } from "../../src/domain/rights/facts.ts";
import { loadRightsLibrary } from "../../src/domain/rights/library.ts";
import { loadHelpDirectory } from "../../src/domain/help/directory.ts";
import { childTexts, langs, plainWords, type Lang } from "../harness/child-texts.ts";

const facts = loadFacts();
const library = loadRightsLibrary();
const directory = loadHelpDirectory();
const texts = Object.fromEntries(langs.map((l) => [l, childTexts(l)])) as Record<Lang, Map<string, string>>;

const YEAR = /(?<!\d)(19|20)\d\d(?!\d)/;
const ARTICLE = /(\bArts?\.\s|\bArticle\b|(?<![а-яё])ст\.\s|(?<![а-яё])стать[яиеюё]|-бап)/i;
const LAW: Record<Lang, RegExp[]> = {
  // "Code" only with a capital: "case code" is the bot's own word.
  en: [/\b(laws?|convention|constitution)\b/i, /\bCode\b/],
  // «закон», not «закончила» or «незаконченный».
  ru: [/(?<![а-яё])закон(?![а-яё]*ч)|кодекс|конвенци|конституци/i],
  kk: [/заң|кодекс|конвенция|конституция/i],
};
const HELP_LINE = /(?<!\d)1(0[1-4]|1[12]|50)(?!\d)/;
// Where every number is a claim: the rights library and the help screen.
const NUMBERS_ARE_CLAIMS = (key: string) => key.startsWith("rights:") || key === "common:help.text";

/** Texts that match the rules above but state nothing (say why). */
const NOT_CLAIMS: Record<string, string> = {
  "rights:ui.groups.law": "a menu title («Police and the law»)",
  "rights:ui.sources_title": "the heading above a topic's sources",
  "rights:ui.articles_one": "the pattern of an article list under a topic (the topic cites its sources)",
  "rights:ui.articles_few": "the same",
  "rights:ui.articles_many": "the same",
  "rights:ui.articles_other": "the same",
};

function whyFactBearing(key: string, text: string, lang: Lang): string | undefined {
  if (key.startsWith("library:") || NOT_CLAIMS[key]) return undefined;
  const words = plainWords(text);
  if (YEAR.test(words)) return "names a year";
  if (ARTICLE.test(words)) return "cites an article";
  if (LAW[lang].some((law) => law.test(words))) return "names a law";
  if (HELP_LINE.test(words)) return "names a help line";
  if (NUMBERS_ARE_CLAIMS(key) && /\d/.test(words)) return "states a number";
  return undefined;
}

/** The facts a text cites: its topic section, its help-directory entry, or facts.json textFacts. */
function citedFacts(key: string): string[] | undefined {
  const section = /^rights:topics\.([a-z0-9_]+)\.(title|short|more|todo)$/.exec(key);
  if (section) {
    const topic = library.topics.find((t) => t.id === section[1]);
    // A title states what its sections state.
    return section[2] === "title" ? Object.values(topic?.facts ?? {}).flat() : topic?.facts[section[2] as "short" | "more" | "todo"];
  }
  const entry = /^rights:ui\.dir\.([a-z0-9_]+)$/.exec(key);
  if (entry) return directory.entries.find((e) => e.id === entry[1])?.facts;
  const match = Object.keys(facts.textFacts).find((k) => key === k || key.startsWith(`${k}.`));
  return match ? facts.textFacts[match] : undefined;
}

describe("verified facts", () => {
  it("each has a statement, an https source and a check date", () => {
    expect(facts.facts.length).toBeGreaterThan(20);
    for (const f of facts.facts) {
      expect(f.url, f.id).toMatch(/^https:\/\//);
      for (const url of f.also) expect(url, f.id).toMatch(/^https?:\/\//);
      expect(f.checked, f.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("tells fact-bearing texts from the others", () => {
    expect(whyFactBearing("rights:topics.work.short", texts.en.get("rights:topics.work.short")!, "en")).toBe("states a number");
    expect(whyFactBearing("rights:topics.rights_basics.more", texts.ru.get("rights:topics.rights_basics.more")!, "ru")).toBe(
      "names a year",
    );
    expect(whyFactBearing("listen:crisis.suicide", texts.kk.get("listen:crisis.suicide")!, "kk")).toBe("names a help line");
    expect(whyFactBearing("report:intro", texts.en.get("report:intro")!, "en")).toBeUndefined();
    expect(whyFactBearing("common:forget.done", texts.ru.get("common:forget.done")!, "ru")).toBeUndefined();
    const bearing = langs.flatMap((l) => [...texts[l]].filter(([k, v]) => whyFactBearing(k, v, l)));
    expect(bearing.length).toBeGreaterThan(150);
  });

  it("every fact-bearing text cites at least one verified fact", () => {
    const known = new Set(facts.facts.map((f) => f.id));
    const problems: string[] = [];
    for (const lang of langs) {
      for (const [key, text] of texts[lang]) {
        const why = whyFactBearing(key, text, lang);
        if (!why) continue;
        const cited = citedFacts(key) ?? [];
        if (cited.length === 0)
          problems.push(
            `${lang} ${key} ${why} but cites no fact: add fact ids (topic "facts", help-directory "facts" or facts.json textFacts)`,
          );
        for (const id of cited) if (!known.has(id)) problems.push(`${key} cites unknown fact ${id}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every textFacts entry names a text that exists", () => {
    for (const key of Object.keys(facts.textFacts)) {
      expect(
        [...texts.en.keys()].some((k) => k === key || k.startsWith(`${key}.`)),
        key,
      ).toBe(true);
    }
  });

  it("no text states what could not be verified", () => {
    // flows/facts.json "unverified": the Code's opinion-from-10 rule; 150's anonymity and mobile access.
    const opinionFrom10: Record<Lang, RegExp> = {
      en: /\b10\b.{0,80}(opinion|views)|(opinion|views).{0,80}\b10\b/i,
      ru: /(10 лет|десят\S* лет).{0,80}мнени|мнени.{0,80}(10 лет|десят\S* лет)/i,
      kk: /(он жас|10 жас).{0,80}пікір|пікір.{0,80}(он жас|10 жас)/i,
    };
    const line150Claims: Record<Lang, RegExp> = {
      en: /(your name|anonym|mobile|any phone)/i,
      ru: /(имя|имени|аноним|мобильн|любого телефона)/i,
      kk: /(атың|аноним|ұялы|кез келген телефон)/i,
    };
    const problems: string[] = [];
    for (const lang of langs) {
      for (const [key, text] of texts[lang]) {
        if (key.startsWith("library:")) continue;
        if (opinionFrom10[lang].test(text)) problems.push(`${lang} ${key}: states an age-10 rule`);
        for (const line of text.split(/\n|(?<=[.!?])\s/)) {
          if (/(?<!\d)150(?!\d)/.test(line) && !/(?<!\d)11[12](?!\d)/.test(line) && line150Claims[lang].test(line))
            problems.push(`${lang} ${key}: «${line}»`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("the three languages state the same numbers in every text", () => {
    const numbers = (text: string) => [...new Set(plainWords(text).replace(/24\/7/g, " ").match(/\d+/g) ?? [])].sort().join(",");
    const problems: string[] = [];
    for (const [key, en] of texts.en) {
      for (const lang of ["kk", "ru"] as const) {
        const other = texts[lang].get(key) ?? "";
        if (numbers(other) !== numbers(en)) problems.push(`${key}: en [${numbers(en)}] vs ${lang} [${numbers(other)}]`);
      }
    }
    expect(problems).toEqual([]);
  });
});
