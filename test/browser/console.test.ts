// The console in Chromium: an urgent report arrives through the webhook, an operator signs in,
// finds it at the top of the queue, opens it, replies, and the child's chat gets the notice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSimulator, type BrowserSession } from "./browser-harness.ts";
import { followup } from "../harness/locales.ts";
import consoleEn from "../../locales/en/console.json" with { type: "json" };

let s: BrowserSession;
beforeAll(async () => {
  s = await openSimulator();
  await s.app.accounts.create({
    email: "operator@ombudsman.kz",
    password: "a long enough passphrase",
    role: "OPERATOR",
    regions: ["almaty"],
  });
});
afterAll(() => s?.close());

describe("the console", () => {
  it("shows an urgent report first; a reply from the case page reaches the child", async () => {
    // A normal report first, then an urgent one: the urgent one must still be on top.
    await s.openChat(/^Дима/);
    await s.fileReport("ru", { region: "almaty", words: "Обзывают в классе" });
    await s.fileReport("ru", { unsafe: true, words: "Отчим бьёт меня, мне страшно идти домой" });

    const page = s.page;
    await page.goto(`${s.base}/console/lang/en`);
    await page.goto(`${s.base}/console/login`);
    await page.getByLabel(consoleEn.email).fill("operator@ombudsman.kz");
    await page.getByLabel(consoleEn.password).fill("a long enough passphrase");
    await page.getByRole("button", { name: consoleEn.sign_in }).click();
    // Every role sets up a second factor at the first sign-in: the key, a code, the recovery codes.
    await page.waitForURL(`${s.base}/console/totp`);
    const secret = await page.locator("#totp-secret").innerText();
    await page.getByLabel(consoleEn.code).fill(s.app.accounts.codeFor(secret, "operator@ombudsman.kz"));
    await page.getByRole("button", { name: consoleEn.continue }).click();
    await expect.poll(() => page.locator("#recovery-codes li").count()).toBe(10);
    await page.getByRole("link", { name: consoleEn.recovery_saved }).click();
    await page.waitForURL(`${s.base}/console`);
    const first = page.locator("#queue-rows tr").first();
    expect(await first.getAttribute("class")).toContain("URGENT");
    expect(await page.locator("#queue-rows tr").count()).toBe(2);

    await first.getByRole("link").click();
    await expect.poll(() => page.locator("#child-words").innerText()).toContain("Отчим бьёт меня");
    const calls = s.app.botApi!.calls.length;
    await page.locator("#reply-text").fill("Мы тебя слышим. Ты сейчас в безопасном месте?");
    await page.getByRole("button", { name: consoleEn.reply_send }).click();
    await expect.poll(() => page.locator(".ok").innerText()).toContain(consoleEn.reply_sent);
    const sent = s.app.botApi!.callsSince(calls).filter((c) => c.method === "sendMessage" && c.payload.chat_id === 7100002);
    expect(sent.map((c) => c.payload.text)).toEqual([followup.ru.new_message]);
    await page.screenshot({ path: "test-results/console-case.png", fullPage: true });
    await page.goto(`${s.base}/console`);
    await page.screenshot({ path: "test-results/console-queue.png" });

    // The child opens it in the simulator.
    await page.goto(`${s.base}/simulator`);
    await s.openChat(/^Дима/);
    await s.tap(followup.ru.open);
    await expect.poll(() => s.lastBotText()).toContain("Мы тебя слышим");
  });
});
