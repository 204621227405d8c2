// The rights library's content: renders within Telegram's limits in every language, cites only
// verified sources, and the search finds the expected topic for children's own questions.
import { describe, expect, it } from "vitest";
import { loadRightsLibrary, topicSources } from "../../src/domain/rights/library.ts";
import { searchTopics } from "../../src/domain/rights/search.ts";
import { scoreQuiz } from "../../src/domain/rights/quiz.ts";
import { entriesFor, loadHelpDirectory, regions } from "../../src/domain/help/directory.ts";
import { createI18n, languages } from "../../src/i18n/i18n.ts";
import fixtures from "../fixtures/rights-search.json" with { type: "json" };

const library = loadRightsLibrary();
const i18n = createI18n();

// What ../shared/reference/kz-child-rights.md marks as verified (V). A topic may cite nothing else.
const VERIFIED_SOURCES = new Set([
  "crc",
  "rights_of_child_art1",
  "rights_of_child_art1_p4_1",
  "rights_of_child_art5",
  "rights_of_child_art7_1_7_2",
  "rights_of_child_art8",
  "rights_of_child_art9",
  "rights_of_child_art10",
  "rights_of_child_art11",
  "rights_of_child_art12",
  "rights_of_child_art13",
  "criminal_code_art15",
  "labour_code_art31",
  "marriage_family_code_art10",
  "marriage_family_code",
  "law_72_viii_2024",
  // Checked on 2026-11-29 (flows/facts.json: edu_free_school, school_phones, adaptation_centres).
  "constitution_education",
  "education_law_phones",
  "prevention_law_art11",
  // Checked on 2026-11-29 for the topics added in issue 13 (flows/facts.json: trafficking_minors_135,
  // extortion_194, dropping_232_1, sexual_violence_crime, gambling_law_2024, id_card_from_16,
  // birth_cert_repeat, pmpk_network).
  "criminal_code_art135",
  "criminal_code_art194",
  "criminal_code_art232_1",
  "criminal_code_art120_121",
  "gambling_law",
  "documents_rules",
  "pmpk_letter_2025",
]);

describe("rights topics", () => {
  it("cover at least 20 topics, with rights and responsibilities", () => {
    expect(library.topics.length).toBeGreaterThanOrEqual(20);
    expect(library.topics.map((t) => t.id)).toContain("responsibilities");
  });

  it("cite only verified sources and Convention articles 1-42", () => {
    for (const topic of library.topics) {
      for (const id of [...topic.sources.kzLaw, ...topic.sources.other]) expect(VERIFIED_SOURCES, `${topic.id} cites ${id}`).toContain(id);
      for (const article of topic.sources.crc) {
        expect(article).toBeGreaterThanOrEqual(1);
        expect(article).toBeLessThanOrEqual(42);
      }
    }
  });

  it("mention only verified phone numbers", () => {
    for (const lang of languages) {
      const t = i18n.t(lang);
      for (const topic of library.topics) {
        const text = ["short", "more", "todo"].map((p) => t(`rights:topics.${topic.id}.${p}`)).join(" ");
        const numbers = text.match(/\b1\d\d\b/g) ?? [];
        for (const n of numbers) expect(["150", "111", "112", "102", "103"], `${lang} ${topic.id}: ${n}`).toContain(n);
      }
    }
  });

  it.each(languages)("render within Telegram's limits in %s", (lang) => {
    const t = i18n.t(lang);
    for (const topic of library.topics) {
      const sources = topicSources(library, topic, lang, (list, count) => t("rights:ui.articles", { list, count })).join("\n");
      const short = [
        t(`rights:topics.${topic.id}.title`),
        t(`rights:topics.${topic.id}.short`),
        t("rights:ui.todo_title"),
        t(`rights:topics.${topic.id}.todo`),
        t("rights:ui.sources_title"),
        sources,
        t("rights:ui.helped_question"),
      ].join("\n\n");
      const more = [t(`rights:topics.${topic.id}.title`), t(`rights:topics.${topic.id}.more`), sources].join("\n\n");
      expect([...short].length, topic.id).toBeLessThanOrEqual(4096);
      expect([...more].length, topic.id).toBeLessThanOrEqual(4096);
      expect([...t(`rights:topics.${topic.id}.title`)].length, topic.id).toBeLessThanOrEqual(40);
      for (const data of [`rt:t:${topic.id}`, `rt:m:${topic.id}`, `rt:f:${topic.id}:1`])
        expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(64);
    }
  });
});

describe("the quiz", () => {
  it.each(languages)("has 8-10 questions with three options each in %s, within limits", (lang) => {
    const t = i18n.t(lang);
    expect(library.quiz.length).toBeGreaterThanOrEqual(8);
    expect(library.quiz.length).toBeLessThanOrEqual(10);
    for (const q of library.quiz) {
      const options = t(`rights:quiz.${q.id}.options`, { returnObjects: true }) as unknown as string[];
      expect(options, q.id).toHaveLength(3);
      for (const o of options) expect([...o].length).toBeLessThanOrEqual(40);
      expect(t(`rights:quiz.${q.id}.explain`).length).toBeGreaterThan(20);
    }
    expect(new Set(library.quiz.map((q) => q.indicator))).toEqual(new Set(["rights", "responsibilities"]));
  });

  it("scores rights and responsibilities separately", () => {
    const correct = library.quiz.map((q) => q.correct);
    const all = scoreQuiz(library.quiz, correct);
    expect(all.rightsCorrect).toBe(all.rightsTotal);
    expect(all.responsibilitiesCorrect).toBe(all.responsibilitiesTotal);
    expect(all.rightsTotal + all.responsibilitiesTotal).toBe(library.quiz.length);
    const none = scoreQuiz(
      library.quiz,
      correct.map((c) => (c + 1) % 3),
    );
    expect(none.rightsCorrect + none.responsibilitiesCorrect).toBe(0);
  });
});

describe.each(languages)("asking in your own words (%s)", (lang) => {
  const cases = (fixtures as Record<string, { q: string; topic: string }[]>)[lang]!;
  it("has at least 50 test questions, the topics added in issue 13 among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const asked = new Set(cases.map((c) => c.topic));
    for (const id of [
      "mental_health",
      "friend_in_crisis",
      "nowhere_to_live",
      "court_from_14",
      "documents",
      "trafficking",
      "dating_violence",
      "money_mule",
      "gambling",
      "extortion",
      "disability_support",
    ])
      expect(asked, id).toContain(id);
  });
  it.each(cases.map((c) => [c.q, c.topic]))("%s -> %s", (question, topic) => {
    const hits = searchTopics(library, question, lang);
    expect(hits[0]?.topic.id, JSON.stringify(hits.map((h) => [h.topic.id, h.score]))).toBe(topic);
  });
});

describe("the help directory", () => {
  const directory = loadHelpDirectory();
  it("gives every entry a source and a last-checked date", () => {
    for (const e of directory.entries) {
      expect(e.source.length, e.id).toBeGreaterThan(5);
      expect(e.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
  it("never shows unverified entries, and shows verified ones for every region", () => {
    for (const region of regions) {
      const shown = entriesFor(directory, region);
      expect(shown.every((e) => e.verified)).toBe(true);
      expect(shown.map((e) => e.phone).filter(Boolean)).toEqual(["150", "111", "112", "102"]);
    }
    expect(entriesFor(directory, "north_kazakhstan").map((e) => e.id)).toContain("adaptation_centre_nko");
    expect(entriesFor(directory, "almaty").map((e) => e.id)).not.toContain("adaptation_centre_nko");
  });
  it("has a text in every language for every verified entry", () => {
    for (const lang of languages)
      for (const e of directory.entries) expect(i18n.t(lang)(`rights:ui.dir.${e.id}`, { defaultValue: "" })).not.toBe("");
  });
});
