// The simulator as a newcomer uses it: /start -> menu -> help and a language switch, then a
// report in Kazakh, the staff group, a staff reply and a status check from another account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSimulator, type BrowserSession } from "./browser-harness.ts";
import { common, followup } from "../harness/locales.ts";

let s: BrowserSession;
beforeAll(async () => {
  s = await openSimulator();
});
afterAll(() => s?.close());

describe("the simulator", () => {
  it("lets a child go /start -> menu -> help, and switch language", async () => {
    const en = common.en;
    await s.openChat(/^Sam/);
    await s.send("/start");
    await expect.poll(() => s.lastBotText()).toContain("Hi! 👋");
    await s.tap(en.onboarding.continue);
    await expect.poll(() => s.lastBotText()).toContain("Who knows what about you");
    // Telegram HTML is rendered, not shown as tags.
    expect(await s.page.locator(".msg.bot").last().locator("b").first().innerText()).toBe("Who knows what about you");
    await s.tap(en.onboarding.understood);
    await expect.poll(() => s.lastBotText()).toContain(en.menu.main);
    await s.tap(en.menu.help);
    await expect.poll(() => s.lastBotText()).toContain("150");
    for (const number of ["111", "112", "102"]) expect(await s.lastBotText()).toContain(number);
    await s.tap(en.nav.language);
    await s.tap("Қазақша");
    await expect.poll(() => s.lastBotText()).toContain(common.kk.menu.main);
  });

  it("a child reports bullying in Kazakh; staff see it, reply, and the code works from another account", async () => {
    await s.openChat(/^Аружан/);
    const code = await s.fileReport("kk", { region: "shymkent", words: "Сыныптастарым күнде мені мазақтайды" });

    await s.openChat(/^Ombudsman staff/);
    // The group sees a summary by default: the case, never the child's words or code.
    const post = s.page.locator(".msg.bot").last();
    await expect.poll(() => post.count()).toBe(1);
    expect(await post.innerText()).not.toContain(code);
    expect(await post.innerText()).not.toContain("Сыныптастарым күнде мені мазақтайды");
    await post.click();
    await s.send("Біз сенімен біргеміз. Сынып жетекшіңе айта аласың ба?");
    await expect.poll(() => s.lastBotText()).toContain("✅");

    await s.openChat(/^Аружан/);
    await expect.poll(() => s.lastBotText()).toContain(followup.kk.new_message);
    // The notification says nothing about what the team wrote.
    expect(await s.lastBotText()).not.toContain("Біз сенімен");
    await s.tap(followup.kk.open);
    await expect.poll(() => s.lastBotText()).toContain("Біз сенімен біргеміз");

    await s.openChat(/^Lena/);
    await s.send("/status");
    await s.send(code);
    await expect.poll(() => s.lastBotText()).toContain(followup.kk.status_IN_PROGRESS);
    await s.openChat(/^Ombudsman staff/);
    await s.page.screenshot({ path: "test-results/simulator-staff.png" });
  });
});
