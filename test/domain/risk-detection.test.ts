import { describe, it, expect } from "vitest";
import { detectRisk, type RiskLevel, type RiskSignal } from "../../src/domain/reports/risk-detection.ts";

/** [child's message, expected signal (null = must not trigger anything), expected level if not the signal's own] */
type Case = readonly [text: string, signal: RiskSignal | null, level?: RiskLevel];

const LEVEL_OF: Record<RiskSignal, RiskLevel> = {
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

const KK: readonly Case[] = [
  // suicide
  ["өлгім келеді", "suicide"],
  ["өлгім кеп тұр бәрі жаман", "suicide"],
  ["мен өзімді өлтіргім келеді", "suicide"],
  ["өзімді өлтіремін", "suicide"],
  ["бәрі жаман өзіме қол жұмсаймын", "suicide"],
  ["бүгін асылып өлемін", "suicide"],
  ["өмір сүргім келмейді", "suicide"],
  ["улгим келеди", "suicide"], // ө typed as у, і as и
  ["озимди олтиремин", "suicide"], // no Kazakh keyboard
  ["мен озимди олтiрем", "suicide"], // Latin i inside a Cyrillic word
  ["өмірдің мәні жоқ", "suicide"],
  ["терезеден секіремін", "suicide"],
  ["өліп кетсем екен", "suicide"],
  ["olgim keledi", "suicide"], // Latin transliteration
  ["omir surgim kelmeidi", "suicide"],
  // self-harm
  ["қолымды кесемін", "self_harm"],
  ["мен өзімді кесемін", "self_harm"],
  ["өзіме зиян келтіремін", "self_harm"],
  ["білегімді тілдім", "self_harm"],
  // sexual abuse
  ["өгей әкем мені зорлады", "sexual_abuse"],
  ["ағай денемді ұстайды", "sexual_abuse"],
  ["ол жалаңаш суретімді сұрайды", "sexual_abuse"],
  ["ол мені шешіндірді", "sexual_abuse"],
  // immediate danger
  ["әкем өлтіремін деді", "immediate_danger"],
  ["ол мені өлтіреді", "immediate_danger"],
  ["мені бөлмеге қамап қойды", "immediate_danger"],
  ["ағам пышақпен қорқытады", "immediate_danger"],
  ["ол тамағымды қысты", "immediate_danger"],
  ["әкем мені ұрады и угрожает убить", "immediate_danger"], // kk + ru mixed
  // violence
  ["сыныптастарым мені ұрып жатыр", "violence"],
  ["әкем анамды ұрады", "violence"],
  ["мені белдікпен сабайды", "violence"],
  ["өгей әкем ұрып-соғады", "violence"],
  ["ағам тепкіледі", "violence"],
  ["үйде таяқ жеймін", "violence"],
  ["мени урады", "violence"], // no Kazakh keyboard
  ["meni urady", "violence"],
  ["анам мені соғады", "violence"],
  // must NOT trigger — mostly prefix collisions
  ["күлкіден өлдім", null], // died of laughter
  ["ол маған өлең оқыды", null], // өлең = poem (өл-)
  ["Алматы өлкесі өте әдемі", null], // өлке = region (өл-)
  ["жаңа ұрпақ", null], // ұрпақ = generation (ұр-)
  ["ұран айттық", null], // ұран = slogan (ұр-)
  ["соғыс туралы кітап оқыдым", null], // соғыс = war (соғ-)
  ["ол суретті ұстады", null], // held the picture
  ["жүрегім қатты соғады", null], // my heart beats fast
  ["маған телефон соғады", null], // phones me
  ["ол допты ұрды", null], // kicked the ball
  ["анам ұрысты", null], // mum scolded
  ["мұғалім сұрады", null], // the teacher asked (с+ұрады)
  ["өлгім келмейді", null], // I do NOT want to die
  ["өмір сүргім келеді", null], // I want to live
  ["қолымды кесіп алдым нан кесіп жатып", null], // cut my hand slicing bread
  ["анам басымды сипады", null], // patted my head
  ["Асылым менің досым", null], // a name (асыл-)
  ["ит үрді", null], // the dog barked (үр-, not ұр-)
  ["ұры ұсталды", null], // the thief was caught
  ["сабақ қиын болды", null], // lesson (саба-)
  ["ойында бәрін өлтірдім", null], // killed everyone in the game
  ["ұялғаннан өлгім келді", null], // so embarrassed I wanted to die
  ["мені ешкім ұрмайды", null], // nobody hits me
  ["дене шынықтыру сабағында допты ұстадым", null], // caught the ball in PE
  ["қол шапалақтадық", null], // we clapped
];

const RU: readonly Case[] = [
  // suicide
  ["хочу умереть", "suicide"],
  ["я больше не хочу жить", "suicide"],
  ["жить не хочется", "suicide"],
  ["я хочу покончить с собой", "suicide"],
  ["покончу с собой", "suicide"],
  ["я думаю о суициде", "suicide"],
  ["повешусь сегодня", "suicide"],
  ["вскрою себе вены", "suicide"],
  ["наглотаюсь таблеток", "suicide"],
  ["спрыгну с крыши", "suicide"],
  ["лучше бы я умерла", "suicide"],
  ["нет смысла жить", "suicide"],
  ["Я УБЬЮ СЕБЯ!!!", "suicide"],
  ["я убьюуу себя", "suicide"], // elongated
  ["хочууу умеретььь", "suicide"],
  ["yбью ceбя", "suicide"], // Latin look-alikes y, c, e
  ["ne hochu zhit", "suicide"], // transliterated
  ["нехочу жить", "suicide"],
  // self-harm
  ["я режу руки", "self_harm"],
  ["порезала себя вчера", "self_harm"],
  ["делаю себе больно", "self_harm"],
  ["у меня порезы на руках", "self_harm"],
  // sexual abuse
  ["отчим трогает меня ночью", "sexual_abuse"],
  ["меня изнасиловали", "sexual_abuse"],
  ["тренер домогается до меня", "sexual_abuse"],
  ["он заставляет меня раздеваться", "sexual_abuse"],
  ["просит скинуть фото голой", "sexual_abuse"],
  ["otchim trogaet menya", "sexual_abuse"],
  // immediate danger
  ["мама сказала что убьет меня если расскажу", "immediate_danger"],
  ["папа угрожает убить", "immediate_danger"],
  ["меня заперли в подвале", "immediate_danger"],
  ["пьяный отец бегает с ножом", "immediate_danger"],
  ["он душит меня", "immediate_danger"],
  // violence
  ["папа бьет меня ремнем", "violence"],
  ["меня избили одноклассники", "violence"],
  ["отчим бьет маму", "violence"],
  ["одноклассники бьют меня каждый день", "violence"],
  ["папа бьёт меня", "violence"],
  ["мой dad бьет меня", "violence"],
  // must NOT trigger
  ["умираю со смеху", null],
  ["я убил время на игру", null],
  ["мы играли в убийцу в игре", null],
  ["я порезал палец когда резал хлеб", null],
  ["как хорошо жить", null],
  ["я очень хочу жить", null],
  ["не хочу умирать", null],
  ["я не хочу умереть", null],
  ["режусь в доту с друзьями", null],
  ["эта песня трогает меня до слез", null],
  ["мама меня не бьет", null],
  ["избиратели голосуют", null], // избир- vs изби-
  ["повесить картину на стену", null],
  ["мама убьет меня за двойку", null], // hyperbole about grades
  ["меня убили в игре", null],
  ["не хочу жить в этом городе", null],
  ["он побил рекорд", null],
  ["на уроке говорили про насилие", null],
  ["хочу умереть от стыда", null],
  ["футболист бьет по мячу", null],
  ["я поранил ногу на тренировке", null],
];

const EN: readonly Case[] = [
  // suicide
  ["i want to die", "suicide"],
  ["I want to kill myself", "suicide"],
  ["i just wanna end my life", "suicide"],
  ["thinking about suicide", "suicide"],
  ["i dont want to live anymore", "suicide"],
  ["I wish I was dead", "suicide"],
  ["everyone would be better off without me", "suicide"],
  ["gonna hang myself tonight", "suicide"],
  ["no reason to live", "suicide"],
  ["i wanna kms", "suicide"],
  ["I WANT TO DIEEEE", "suicide"],
  // self-harm
  ["i cut myself again", "self_harm"],
  ["I hurt myself on purpose", "self_harm"],
  ["i've been self-harming", "self_harm"],
  ["cutting my wrists", "self_harm"],
  ["i burn myself with a lighter", "self_harm"],
  // sexual abuse
  ["he raped me", "sexual_abuse"],
  ["my uncle touches me and says not to tell", "sexual_abuse"],
  ["my stepdad touched me", "sexual_abuse"],
  ["he asks me for nudes", "sexual_abuse"],
  ["my coach molested me", "sexual_abuse"],
  ["he made me take off my clothes", "sexual_abuse"],
  // immediate danger
  ["he said he is going to kill me", "immediate_danger"],
  ["my stepdad threatened to kill my mom", "immediate_danger"],
  ["they locked me in the basement", "immediate_danger"],
  ["he pulled out a knife", "immediate_danger"],
  ["he is choking me", "immediate_danger"],
  ["he'll kill me", "immediate_danger"],
  // violence
  ["my dad beats me", "violence"],
  ["my mom hits me with a belt", "violence"],
  ["my brother punches me every day", "violence"],
  ["dad kicked me", "violence"],
  ["he beat me up after school", "violence"],
  ["my dad hits my mom", "violence"],
  ["my dad HITS me!!!", "violence"],
  // must NOT trigger
  ["this homework is killing me", null],
  ["I died laughing", null],
  ["we saw a killer whale", null],
  ["I'm dead tired", null],
  ["I don't want to die", null],
  ["i do not want to die", null],
  ["my mom never hits me", null],
  ["I love rapping", null], // collapses to "raping" without the guard
  ["the movie touched me deeply", null],
  ["hit me up later", null],
  ["can you hit me back", null], // = text me back
  ["he beat me at chess", null],
  ["I hurt myself playing football", null],
  ["I cut myself by accident while cooking", null],
  ["suicide squad is a good movie", null],
  ["my therapist helps me", null], // contains "rapist"
  ["I'm dying to see the new movie", null],
  ["my phone died", null],
  ["I want to live", null],
  ["the grapes are sour", null],
  ["I could die of embarrassment", null],
  ["I want to die of embarrassment", null],
  ["mom will kill me if she sees my grades", null],
  ["I don't want to live in this town", null],
];

function check([text, signal, level]: Case): void {
  const result = detectRisk(text);
  if (signal === null) {
    expect(result.findings).toEqual([]);
    expect(result.level).toBeNull();
    return;
  }
  expect(result.findings.map((f) => f.signal)).toContain(signal);
  expect(result.level).toBe(level ?? LEVEL_OF[signal]);
}

describe("detectRisk phrase tables", () => {
  it.each([
    ["kk", KK],
    ["ru", RU],
    ["en", EN],
  ] as const)("%s table has at least 30 phrases and 10 negatives", (_lang, cases) => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.filter(([, signal]) => signal === null).length).toBeGreaterThanOrEqual(10);
  });

  const rows = (cases: readonly Case[]) => cases.map((c) => ({ text: c[0], expected: c[1] ?? "nothing", c }));
  describe("kk", () => {
    it.each(rows(KK))("$text → $expected", ({ c }) => check(c));
  });
  describe("ru", () => {
    it.each(rows(RU))("$text → $expected", ({ c }) => check(c));
  });
  describe("en", () => {
    it.each(rows(EN))("$text → $expected", ({ c }) => check(c));
  });
});

describe("detectRisk result shape", () => {
  it("returns no level and no findings for empty or harmless text", () => {
    expect(detectRisk("")).toEqual({ level: null, findings: [] });
    expect(detectRisk("   ")).toEqual({ level: null, findings: [] });
    expect(detectRisk("сәлем, менің атым Айгүл")).toEqual({ level: null, findings: [] });
  });

  it("shows staff the fragment of the child's own text, at most 40 characters", () => {
    const { findings } = detectRisk("Я ХОЧУУУ УМЕРЕТЬ!!!");
    expect(findings).toEqual([{ signal: "suicide", level: "urgent", match: "ХОЧУУУ УМЕРЕТЬ" }]);

    const long = detectRisk("я не хочу больше никогда-никогда-никогда-никогда жить");
    for (const f of long.findings) expect(f.match.length).toBeLessThanOrEqual(40);

    const danger = detectRisk("папа угрожает прямо сейчас очень сильно убить");
    for (const f of danger.findings) expect(f.match.length).toBeLessThanOrEqual(40);
  });

  it("deduplicates findings by signal", () => {
    const { findings } = detectRisk("хочу умереть. хочу умереть. I want to die. өлгім келеді");
    expect(findings.filter((f) => f.signal === "suicide")).toHaveLength(1);
    expect(findings[0]?.match).toBe("хочу умереть");
  });

  it("reports every signal found and the highest level", () => {
    const result = detectRisk("отчим бьет меня и трогает меня ночью, я хочу умереть");
    expect(result.level).toBe("urgent");
    expect(result.findings.map((f) => f.signal)).toEqual(["suicide", "sexual_abuse", "violence"]);
    expect(result.findings.find((f) => f.signal === "violence")?.level).toBe("high");
  });

  it("is high, not urgent, for violence alone", () => {
    expect(detectRisk("әкем ұрады")).toEqual({
      level: "high",
      findings: [{ signal: "violence", level: "high", match: "ұрады" }],
    });
  });

  it("copes with no punctuation, mixed scripts and line breaks", () => {
    const result = detectRisk("привет\nмне 12 лет папа пьет и бьет\nменя каждый день мне страшно");
    expect(result.findings.map((f) => f.signal)).toEqual(["violence"]);
    expect(result.findings[0]?.match).toBe("бьет меня");
  });
});
