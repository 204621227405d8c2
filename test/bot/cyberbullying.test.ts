// The cyberbullying conversation, added as data only (flows/cyberbullying.json, its texts in
// locales/*/common.json, a menu button in flows/menu.json): reached from the menu, a screen for
// each kind of online bullying, each leading to a report or back, help one tap away throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common, langs, report, telegramCode } from "../harness/locales.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

let nextId = 7_300_000;

describe("bullying online", () => {
  it.each(langs)("in %s: from the menu to advice for each kind, then to a report", async (lang) => {
    const t = common[lang];
    const cb = t.cyberbullying;
    const child = h.user({ id: nextId++, language_code: telegramCode[lang] });
    await child.send("/menu");
    await child.press(t.menu.cyberbullying);
    expect(child.lastBotMessage().text).toBe(cb.intro);
    for (const [choice, advice] of [
      [cb.insults, cb.insults_text],
      [cb.photos, cb.photos_text],
      [cb.threats, cb.threats_text],
      [cb.fake, cb.fake_text],
    ] as const) {
      await child.press(choice);
      expect(child.lastBotMessage().text).toBe(advice);
      expect(child.buttons()).toEqual(expect.arrayContaining([cb.to_report, cb.other, t.nav.help]));
      await child.press(cb.other);
      expect(child.buttons()).toEqual(expect.arrayContaining([cb.insults, cb.photos, cb.threats, cb.fake, t.nav.help]));
    }
    await child.press(cb.threats);
    await child.press(cb.to_report);
    expect(child.lastBotMessage().text).toBe(report[lang].intro);
  });
});
