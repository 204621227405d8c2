import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common, langs, listen, report, rights, telegramCode } from "../harness/locales.ts";
import { loadRightsLibrary } from "../../src/domain/rights/library.ts";
import { quizByRegion } from "../../src/domain/rights/quiz.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

let nextId = 9_300_000;
const library = loadRightsLibrary();

describe.each(langs)("My rights in %s", (lang) => {
  const r = rights[lang];
  const t = common[lang];

  it("goes menu -> themes -> topic -> read more -> 'this is happening to me' -> report", async () => {
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    await child.send("/menu");
    await child.press(t.menu.rights);
    expect(child.lastBotMessage().text).toBe(r.ui.home);
    await child.press(r.ui.browse);
    expect(child.buttons()).toContain(r.ui.groups.online);
    await child.press(r.ui.groups.online);
    await child.press(r.topics.cyberbullying.title);
    const topic = child.lastBotMessage().text!;
    expect(topic).toContain(r.topics.cyberbullying.short);
    expect(topic).toContain(r.topics.cyberbullying.todo);
    expect(topic).toContain(r.ui.sources_title);
    expect(child.buttons()).toEqual(expect.arrayContaining([r.ui.more, r.ui.happening, r.ui.helped_yes, t.nav.help]));
    await child.press(r.ui.more);
    expect(child.lastBotMessage().text).toContain(r.topics.cyberbullying.more);
    await child.press(r.ui.helped_yes);
    expect(await h.db.topicFeedback.count({ where: { topicId: "cyberbullying", helpful: true, language: lang } })).toBe(1);
    await child.press(r.ui.happening);
    expect(child.lastBotMessage().text).toBe(report[lang].intro);
  });

  it("leads 'this is happening to me' to crisis help on the mental-health topic, to help now on the friend topic", async () => {
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups.body);
    await child.press(r.topics.mental_health.title);
    await child.press(r.ui.happening);
    // Help first (150, 112), then what the team can and cannot do, then the way to tell it.
    const crisis = child.lastBotMessage().text!;
    expect(crisis).toContain(listen[lang].crisis.suicide);
    expect(crisis).toContain(listen[lang].status.anonymous);
    expect(child.buttons()).toEqual(expect.arrayContaining([listen[lang].buttons.tell_team, t.nav.help]));
    await child.press(listen[lang].buttons.tell_team);
    expect(child.lastBotMessage().text).toBe(report[lang].intro);

    await child.send("/rights");
    await child.press(r.ui.browse);
    await child.press(r.ui.groups.body);
    await child.press(r.topics.friend_in_crisis.title);
    await child.press(r.ui.happening);
    expect(child.lastBotMessage().text).toBe(t.help.text);
  });

  it("answers a question typed in the main menu", async () => {
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    const question = {
      kk: "сыныптасым суретімді интернетке салды",
      ru: "одноклассник выложил мои фото в интернет",
      en: "what to do if a classmate posts my photos",
    }[lang];
    await child.send("/menu");
    await child.send(question);
    // Photos posted without consent are harm. Told as a story, the child is thanked and offered
    // help first, with the rights topic; asked as a question, the topic comes first, with the
    // offer to tell the team. Either way both are one tap away.
    const text = child.lastBotMessage().text!;
    if (lang === "en") expect(text).toBe(`${r.ui.results}\n\n${listen[lang].question_happening}`);
    else expect(text).toContain(listen[lang].disclosure.ack);
    expect(child.buttons()).toEqual(expect.arrayContaining([r.topics.cyberbullying.title, listen[lang].buttons.tell_team]));
  });

  it("offers the themes and help when nothing matches, never a dead end", async () => {
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    await child.send("/rights");
    await child.press(r.ui.ask);
    await child.send("qqqq zzzz");
    expect(child.lastBotMessage().text).toBe(r.ui.no_results);
    expect(child.buttons()).toEqual(expect.arrayContaining([r.ui.groups.school, t.nav.help]));
  });

  it("shows help for the chosen region: national lines and verified regional services only", async () => {
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    await child.send("/help");
    await child.press(r.ui.region_help);
    await child.press(report[lang].regions.north_kazakhstan);
    const text = child.lastBotMessage().text!;
    const everywhere = [
      "helpline_150",
      "contact_centre_111",
      "emergency_112",
      "police_102",
      "adaptation_centres",
      "regional_ombudsman",
      "psychological_support",
      "juvenile_police",
    ] as const;
    for (const id of [...everywhere, "adaptation_centre_nko"] as const) expect(text).toContain(r.ui.dir[id]);
    expect(text).not.toContain(r.ui.dir.regional_ombudsman_phones);
    expect(text).not.toContain(r.ui.region_local_none);
    expect(text).toContain("2026-11-29");

    // A region with nothing of its own verified says so and points to 111 and 150.
    await child.press(r.ui.region_help);
    await child.press(report[lang].regions.almaty);
    const almaty = child.lastBotMessage().text!;
    for (const id of everywhere) expect(almaty).toContain(r.ui.dir[id]);
    expect(almaty).not.toContain(r.ui.dir.adaptation_centre_nko);
    expect(almaty).toContain(r.ui.region_local_none);
  });

  it("lists the regions in the order of the child's alphabet", async () => {
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    await child.send("/help");
    await child.press(r.ui.region_help);
    const names = Object.values(report[lang].regions) as string[];
    const shown = child.buttons().filter((b) => names.includes(b));
    expect(shown).toHaveLength(20);
    const first: Record<typeof lang, string[]> = {
      kk: ["Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы"],
      ru: ["область Абай", "Акмолинская область", "Актюбинская область", "Алматинская область"],
      en: ["Abai Region", "Akmola Region", "Aktobe Region", "Almaty"],
    };
    expect(shown.slice(0, 4)).toEqual(first[lang]);
    // «Шығыс Қазақстан» under Ш in Kazakh, "East Kazakhstan" under E in English.
    const east = shown.indexOf(report[lang].regions.east_kazakhstan);
    expect(east).toBe(lang === "kk" ? 18 : 7);

    // The report's region question lists them the same way, "prefer not to say" last.
    const rp = report[lang];
    await child.send("/menu");
    await child.press(t.menu.report);
    await child.press(rp.start);
    for (const step of [rp.safe_yes, rp.cat_bullying, rp.who_child, rp.place_school, rp.ongoing_yes]) await child.press(step);
    const inReport = child.buttons().filter((b) => names.includes(b) || b === rp.prefer_not);
    expect(inReport).toEqual([...shown, rp.prefer_not]);
  });
});

describe("the quiz", () => {
  it("scores, explains, and counts the result anonymously by region and age band", async () => {
    const r = rights.ru;
    const child = h.user({ id: nextId++, language_code: "ru" });
    await child.send("/quiz");
    await child.press(r.ui.quiz_start);
    for (const [i, q] of library.quiz.entries()) {
      const right = r.quiz[q.id as keyof typeof r.quiz].options[q.correct]!;
      const wrong = r.quiz[q.id as keyof typeof r.quiz].options[(q.correct + 1) % 3]!;
      // Right on the first five, wrong on the rest.
      await child.press(i < 5 ? right : wrong);
      const explained = child.lastBotMessage().text!;
      expect(explained).toContain(r.quiz[q.id as keyof typeof r.quiz].explain);
      expect(explained.startsWith(i < 5 ? r.ui.quiz_right : "")).toBe(true);
      await child.press(r.ui.quiz_next);
    }
    await child.press(r.ui.sat_partly);
    await child.press(report.ru.regions.turkistan);
    await child.press(report.ru.age_13_15);
    expect(child.lastBotMessage().text).toContain("5");
    const saved = await h.db.quizResult.findFirst({ orderBy: { createdAt: "desc" } });
    expect(saved).toMatchObject({ region: "turkistan", ageBand: "AGE_13_15", satisfaction: "partly", language: "ru" });
    expect(saved!.rightsCorrect + saved!.responsibilitiesCorrect).toBe(5);
    // Anonymous: nothing in the row links it to the child.
    expect(JSON.stringify(saved)).not.toContain(String(child.chatId));
    const stats = await quizByRegion(h.db);
    const turkistan = stats.find((s) => s.region === "turkistan")!;
    expect(turkistan.results).toBe(1);
    expect(turkistan.satisfaction).toBe(0);
    expect(turkistan.rightsAwareness + turkistan.responsibilitiesAwareness).toBeGreaterThan(0);
  });
});
