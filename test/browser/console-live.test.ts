// The console while a shift works: the queue open in one tab, children writing in the simulator.
// A new urgent report updates the count chips, adds its row (highlighted), puts a count in the tab
// title, shows a banner and beeps once sound is switched on; the child's new message appears on
// the open case page without a reload and without touching the reply being typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openSimulator, type BrowserSession } from "./browser-harness.ts";
import { consoleTab } from "./console-session.ts";
import { common, followup } from "../harness/locales.ts";
import consoleEn from "../../locales/en/console.json" with { type: "json" };

let s: BrowserSession;
let queue: Page;
beforeAll(async () => {
  s = await openSimulator();
  queue = await consoleTab(s, "lead@ombudsman.kz", { role: "SUPERVISOR" });
  // Counts the tones the page plays: each beep starts two oscillators.
  await queue.addInitScript(() => {
    const w = window as unknown as { tones: number; AudioContext: typeof AudioContext };
    w.tones = 0;
    const create = w.AudioContext.prototype.createOscillator;
    w.AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.tones++;
      return create.call(this);
    };
  });
  // A shared machine can take a minute to start a database and Chromium.
}, 180_000);
afterAll(() => s?.close());

const tones = (page: Page) => page.evaluate(() => (window as unknown as { tones: number }).tones);
const count = (page: Page, key: string) => page.locator(`#queue-counts [data-count="${key}"]`).innerText();

describe("the live console", () => {
  it("a report arriving while the queue is open updates the counts, the rows and the tab title, and beeps if asked to", async () => {
    await queue.goto(`${s.base}/console`);
    const title = await queue.title();
    expect(await count(queue, "URGENT")).toBe("0");
    expect(await queue.locator("#queue-rows tr[data-case]").count()).toBe(0);
    // The times' zone is named on the page.
    expect(await queue.locator("#clock").innerText()).toBe("Times: Almaty, UTC+5");

    // Sound is off until the person turns it on (a click: browsers allow sound after one).
    const sound = queue.locator("#sound-toggle");
    expect(await sound.getAttribute("aria-pressed")).toBe("false");
    await sound.click();
    expect(await sound.getAttribute("aria-pressed")).toBe("true");
    expect(await sound.innerText()).toBe(consoleEn.live_sound_on);
    const before = await tones(queue);
    expect(before).toBe(2); // the click's own confirmation beep

    await s.openChat(/^Дима/);
    await s.fileReport("ru", { unsafe: true, words: "Отчим бьёт меня, мне страшно идти домой" });

    await expect.poll(() => count(queue, "URGENT"), { timeout: 20_000 }).toBe("1");
    expect(await count(queue, "NEW")).toBe("1");
    const row = queue.locator("#queue-rows tr[data-case]");
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute("class")).toMatch(/\bURGENT\b.*\bfresh\b/);
    // The deadline in local time with a countdown (urgent: one hour).
    expect(await row.locator(".countdown").innerText()).toMatch(/^due in (59|60) min$|^due in 1 hr$/);
    expect(await queue.title()).toBe(`(1) ${consoleEn.priority_URGENT} · ${title}`);
    const alert = queue.locator("#live-alert");
    expect(await alert.isVisible()).toBe(true);
    const number = await row.getAttribute("data-case");
    expect(await alert.innerText()).toContain(`${consoleEn.live_new_urgent}: #${number}`);
    expect(await tones(queue)).toBe(before + 2);

    // The person is back at the screen: the count leaves the title.
    await queue.keyboard.press("Shift");
    expect(await queue.title()).toBe(title);
    await queue.screenshot({ path: "test-results/console-live-queue.png" });
  });

  it("the child's new message appears on the open case page, and what staff typed stays", async () => {
    const number = await queue.locator("#queue-rows tr[data-case]").first().getAttribute("data-case");
    const casePage = await queue.context().newPage();
    await casePage.goto(`${s.base}/console/reports/${number}`);
    const title = await casePage.title();
    expect(await casePage.locator("#case-thread [data-message]").count()).toBe(0);
    await casePage.locator("#reply-text").fill("Мы рядом. Ты сейчас");

    // The child adds a message to the report just filed (it is still open on their phone).
    const f = followup.ru;
    await s.send("/menu");
    await s.tap(common.ru.menu.my_reports);
    await s.page.locator(".msg.bot").last().getByRole("button").first().click();
    await s.tap(f.add);
    await s.send("Он опять кричит, я закрылся в комнате");
    await expect.poll(() => s.lastBotText()).toContain(f.sent);

    const message = casePage.locator("#case-thread .msg.CHILD");
    await expect.poll(() => message.count(), { timeout: 20_000 }).toBe(1);
    expect(await message.innerText()).toContain("Он опять кричит, я закрылся в комнате");
    expect(await message.getAttribute("class")).toContain("fresh");
    expect(await casePage.title()).toBe(`(1) ${consoleEn.live_new_message} · ${title}`);
    expect(await casePage.locator("#reply-text").inputValue()).toBe("Мы рядом. Ты сейчас");
    await casePage.close();
  });
});
