// The lexicons (src/domain/risk/lexicons/*.json) and the rule engine: negation, safe contexts,
// new concern-level signals, and checks that a broken edit of a JSON file fails loudly.
import { describe, expect, it } from "vitest";
import en from "../../src/domain/risk/lexicons/en.json" with { type: "json" };
import kk from "../../src/domain/risk/lexicons/kk.json" with { type: "json" };
import ru from "../../src/domain/risk/lexicons/ru.json" with { type: "json" };
import { compileLexicons, SIGNAL_ORDER, type LexiconFile } from "../../src/domain/risk/lexicon.ts";
import { detectRisk, type RiskSignal } from "../../src/domain/risk/detect.ts";

const signals = (text: string) => detectRisk(text).findings.map((f) => f.signal);
const level = (text: string) => detectRisk(text).level;

describe("lexicon files", () => {
  it.each([
    ["kk", kk],
    ["ru", ru],
    ["en", en],
  ] as const)("%s has a plain-language $comment, concepts and rules for every signal", (lang, file) => {
    const lexicon = file as unknown as LexiconFile;
    expect(lexicon.language).toBe(lang);
    expect(Array.isArray(lexicon.$comment)).toBe(true);
    const covered = new Set(lexicon.rules.map((r) => r.signal));
    for (const signal of SIGNAL_ORDER) expect(covered, signal).toContain(signal);
  });

  it("fails loudly on a rule naming an unknown concept or signal", () => {
    const base: LexiconFile = { language: "xx", concepts: { a: ["слово"] }, rules: [] };
    expect(() => compileLexicons([{ ...base, rules: [{ signal: "suicide", all: ["a", "nope"] }] }])).toThrow(/unknown concept "nope"/);
    expect(() => compileLexicons([{ ...base, rules: [{ signal: "sadness", all: ["a"] }] }])).toThrow(/unknown signal/);
  });

  it("reads stems, exact words, phrases, except lists and any word order", () => {
    const lexicon = compileLexicons([
      {
        language: "ru",
        negation: ["не"],
        concepts: {
          hit: { words: ["изби-", "бьет"], except: ["избир-"] },
          me: ["меня"],
          end: ["покончить с собой"],
        },
        rules: [
          { signal: "violence", all: ["hit", "me"], within: 2 },
          { signal: "suicide", all: ["end"] },
        ],
      },
    ]);
    expect(lexicon.rules).toHaveLength(2);
    expect(lexicon.rules[0]?.within).toBe(2);
    expect(lexicon.concepts.find((c) => c.name === "ru:hit")?.except).toHaveLength(1);
  });
});

describe("the seven examples from the review", () => {
  it.each([
    ["everyone would be better off without me", "suicide"],
    ["он сейчас ломает дверь", "immediate_danger"],
    ["отчим лезет ко мне ночью", "sexual_abuse"],
    ["mugalim magan tiisedi", "sexual_abuse"],
    ["суецид", "suicide"],
    ["хачу умереть", "suicide"],
  ] as const)("%s → %s", (text, signal) => {
    expect(signals(text)).toContain(signal);
    expect(level(text)).toBe("urgent");
  });

  it.each(["эта контрольная меня убьёт", "this song hits me hard", "i want to die my hair blue", "дәрігер денемді ұстап тексерді"])(
    "%s → nothing",
    (text) => expect(detectRisk(text)).toEqual({ level: null, findings: [] }),
  );
});

describe("negation", () => {
  it.each([
    // ru: "не" reaches the next two words of its clause
    ["не хочу умирать", null],
    ["я не хочу умереть, просто хочу узнать свои права", null],
    ["мама меня не бьет", null],
    ["меня никто не трогает", null],
    ["не хочу жить", "urgent"], // the negation is part of the rule
    ["я больше не хочу жить", "urgent"],
    ["не знаю что делать, хочу умереть", "urgent"], // a comma ends the reach of "не"
    ["папа не пьет, но бьет меня", "high"],
    // kk: negation is a suffix (-ма/-ме/-ба/-бе/-па/-пе) or a word after the verb
    ["өлгім келмейді", null],
    ["мені ешкім ұрмайды", null],
    ["әкем мені ұрған жоқ", null],
    ["өмір сүргім келмейді", "urgent"],
    ["өмірдің мәні жоқ", "urgent"],
    // en: "not/never/don't" reach three words ("don't want to die")
    ["I don't want to die", null],
    ["i dont really want to die", null],
    ["my mom never hits me", null],
    ["i'm not in danger", null],
    ["i dont want to live anymore", "urgent"],
    ["gonna kms tonight, not joking", "urgent"], // a negated safe context is no safe context
  ] as const)("%s → %s", (text, expected) => {
    expect(level(text)).toBe(expected);
  });
});

describe("safe contexts", () => {
  it.each([
    // games
    ["мы играли в убийцу в игре", "ru"],
    ["ойында бәрін өлтірдім", "kk"],
    ["he pulled out a knife in fortnite", "en"],
    // exams and tests
    ["эта контрольная меня убьёт", "ru"],
    ["бақылау жұмысы мені өлтіреді", "kk"],
    ["this test will kill me", "en"],
    // songs, films, books, lessons about the topic
    ["эта песня трогает меня до слез", "ru"],
    ["на уроке обсуждали что делать если тебя буллят", "ru"],
    ["зорлық-зомбылық туралы реферат жазып жатырмын, сабақта айтты", "kk"],
    ["suicide squad is a good movie", "en"],
    ["we did a poster about bullying in class", "en"],
    // hair dye
    ["i want to die my hair blue", "en"],
    ["хочу покрасить волосы, умереть как хочу розовые", "ru"],
    // sport, boxing
    ["футболист бьет по мячу", "ru"],
    ["ол допты ұрды", "kk"],
    ["got punched in the face at karate lol", "en"],
    // doctor examinations
    ["врач осматривал и трогал живот", "ru"],
    ["дәрігер денемді ұстап тексерді", "kk"],
    ["the doctor touched my stomach during the checkup", "en"],
    // cooking
    ["взяла нож чтобы порезать хлеб", "ru"],
    ["қолымды кесіп алдым нан кесіп жатып", "kk"],
    ["i cut myself by accident while cooking", "en"],
    // laughter and idioms
    ["умираю со смеху", "ru"],
    ["күлкіден өлдім", "kk"],
    ["I died laughing", "en"],
  ] as const)("%s (%s) → nothing", (text, _lang) => {
    expect(detectRisk(text)).toEqual({ level: null, findings: [] });
  });

  it("does not hide real danger next to an exam", () => {
    expect(level("завалила ЕНТ, родители меня убьют, лучше я сама себя")).toBe("urgent");
    expect(level("ҰБТ-дан құладым, одан да өзім өліп кеткенім дұрыс")).toBe("urgent");
    expect(signals("папа бьет меня за оценки")).toContain("violence");
  });
});

describe("concern-level signals", () => {
  const cases: readonly (readonly [string, RiskSignal])[] = [
    ["меня травят в школе", "bullying"],
    ["сыныптастарым мені мазақтайды", "bullying"],
    ["kids at school keep making fun of me", "bullying"],
    ["нас не кормят уже два дня", "neglect"],
    ["үйде тамақ жоқ, анам тамақ бермейді", "neglect"],
    ["my parents kicked me out and i sleep outside", "neglect"],
    ["старшеклассники угрожают", "threats"],
    ["мектептен кейін сабаймыз деп қорқытты", "threats"],
    ["they said they will jump me after school", "threats"],
    ["пацаны отбирают у меня деньги", "extortion"],
    ["үлкен балалар ақша талап етеді", "extortion"],
    ["older kids take my lunch money", "extortion"],
    ["мои фотки слили в сеть", "online_harm"],
    ["аккаунтымды бұзып алды", "online_harm"],
    ["someone made a fake account pretending to be me", "online_harm"],
    ["отец заставляет работать на рынке вместо школы", "forced_work"],
    ["әкем мектепке жібермей базарда сатуға мәжбүрлейді", "forced_work"],
    ["my uncle makes me work in his shop instead of school", "forced_work"],
  ];
  it.each(cases)("%s → %s (concern)", (text, signal) => {
    const result = detectRisk(text);
    expect(result.findings.find((f) => f.signal === signal)?.level).toBe("concern");
    expect(result.level).not.toBeNull();
  });

  it("orders findings by signal, one per signal, level = the highest", () => {
    const result = detectRisk("меня травят в школе, и папа бьет меня, хочу умереть");
    expect(result.findings.map((f) => f.signal)).toEqual(["suicide", "violence", "bullying"]);
    expect(result.level).toBe("urgent");
    expect(detectRisk("меня травят в школе").level).toBe("concern");
  });
});

describe("adversarial input", () => {
  it("copes with long, repetitive and odd text", () => {
    expect(detectRisk("не ".repeat(2048)).findings).toEqual([]);
    expect(detectRisk("а".repeat(4096)).findings).toEqual([]);
    expect(detectRisk("😀🔪💀".repeat(500)).findings).toEqual([]);
    expect(detectRisk("не хочу умереть ".repeat(250) + "хочу умереть").level).toBe("urgent");
    expect(detectRisk("\u0000\u200b\ufeff").findings).toEqual([]);
  });
});
