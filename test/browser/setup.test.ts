// First-run setup in Chromium, as a newcomer does it: the one-time link the server prints, the
// first admin's email and password, the second factor with a QR code and a key grouped for typing,
// then a day's casework: a template inserted where the cursor is, and a case that will not close
// over the child's unanswered message without a confirmation (asked by the server).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSimulator, type BrowserSession } from "./browser-harness.ts";
import { followup } from "../harness/locales.ts";
import consoleEn from "../../locales/en/console.json" with { type: "json" };
import manageEn from "../../locales/en/manage.json" with { type: "json" };

const EMAIL = "first.admin@ombudsman.kz";
const PASSWORD = "quiet evening over the steppe 2026";
let s: BrowserSession;
// Chromium and a fresh database start slowly on a busy machine.
beforeAll(async () => {
  s = await openSimulator();
}, 180_000);
afterAll(() => s?.close());

describe("first-run setup", () => {
  it("creates the first admin from the one-time link, with a QR code for the second factor", { timeout: 120_000 }, async () => {
    const page = s.page;
    const token = await s.app.setup.issue();
    expect(token).toBeDefined();
    await page.goto(`${s.base}/console/lang/en`);
    await page.goto(`${s.base}/console/login`);
    await expect.poll(() => page.locator(".warn").innerText()).toContain(manageEn.login_first_run);

    await page.goto(`${s.base}/console/setup?token=${token}`);
    await page.getByLabel(consoleEn.email).fill(EMAIL);
    await page.getByLabel(consoleEn.password_new, { exact: true }).fill(PASSWORD);
    await page.getByLabel(consoleEn.password_confirm).fill(PASSWORD);
    await page.getByRole("button", { name: manageEn.setup_create }).click();
    await page.waitForURL(`${s.base}/console/totp`);

    // A QR code big enough to scan, the key in groups of four, the link inside its card, a way back.
    const qr = await page.locator("#totp-qr").boundingBox();
    expect(qr!.width).toBeGreaterThanOrEqual(150);
    expect(await page.locator("#totp-qr path").getAttribute("d")).toMatch(/^M\d+ \d+h1v1h-1z/);
    const key = await page.locator("#totp-secret").innerText();
    expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    await page.getByText(manageEn.totp_link).click();
    const link = page.locator("a.wrap");
    expect(await link.getAttribute("href")).toMatch(/^otpauth:\/\/totp\//);
    const card = (await page.locator("form.login.card").boundingBox())!;
    const box = (await link.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: manageEn.back_to_sign_in }).count()).toBe(1);
    await page.screenshot({ path: "test-results/setup-totp.png", fullPage: true });

    // Typed as grouped, the key works.
    await page.getByLabel(consoleEn.code).fill(s.app.accounts.codeFor(key, EMAIL));
    await page.getByRole("button", { name: consoleEn.continue }).click();
    await expect.poll(() => page.locator("#recovery-codes li").count()).toBe(10);
    await page.getByRole("link", { name: consoleEn.recovery_saved }).click();
    await page.waitForURL(`${s.base}/console`);
    expect(await s.app.setup.adminExists()).toBe(true);
    // The link is spent.
    const again = await page.goto(`${s.base}/console/setup?token=${token}`);
    expect(again?.status()).toBe(410);
  });

  it(
    "will not close a case over the child's unanswered message without asking; templates insert, not replace",
    { timeout: 180_000 },
    async () => {
      const page = s.page;
      await page.goto(`${s.base}/simulator`);
      await s.openChat(/^Sam/);
      await s.fileReport("en", { region: "almaty", words: "Older boys take my lunch money every day" });
      // The child adds a message to the report: My reports → the report → Add a message.
      await s.send("/reports");
      await page.locator(".msg.bot").last().getByRole("button").first().click();
      await s.tap(followup.en.add);
      await s.send("They did it again today and said they would hit me");
      await expect.poll(() => s.lastBotText()).toContain(followup.en.sent);

      await page.goto(`${s.base}/console`);
      await page.locator("#queue-rows a").first().click();
      await expect.poll(() => page.locator("#unanswered-warning").isVisible()).toBe(true);
      const caseUrl = page.url();
      const caseNumber = Number(/\/console\/reports\/(\d+)$/.exec(new URL(caseUrl).pathname)?.[1]);
      expect(caseNumber).toBeGreaterThan(0);

      // A template goes in at the cursor, after what was typed.
      await page.locator("#reply-text").fill("Dear friend,");
      await page.locator("#template-pick").selectOption({ index: 1 });
      const reply = await page.locator("#reply-text").inputValue();
      expect(reply.startsWith("Dear friend, ")).toBe(true);
      expect(reply.length).toBeGreaterThan("Dear friend, ".length + 20);

      // Closing asks once more (the server's answer, not a browser dialog); nothing changes until then.
      const status = page.locator("#status-form");
      await status.locator("select[name=status]").selectOption("CLOSED");
      await status.locator("textarea[name=note]").fill("Talked to the school director");
      await status.getByRole("button", { name: manageEn.status_save }).click();
      await expect
        .poll(() => page.locator("#close-confirm h1").innerText())
        .toBe(manageEn.close_confirm_title.replace("{{number}}", String(caseNumber)));
      const meanwhile = await (await page.request.get(caseUrl)).text();
      expect(meanwhile).not.toContain(`<span class="badge">${consoleEn.status_CLOSED}</span>`);
      await page.screenshot({ path: "test-results/close-confirm.png", fullPage: true });

      // Back to answer first is one tap; closing anyway is the other.
      const calls = s.app.botApi!.calls.length;
      await page.getByRole("button", { name: manageEn.close_confirm_do }).click();
      await page.waitForURL(`${s.base}/console/reports/${caseNumber}?flash=closed_told`);
      expect(await page.locator("p.ok").innerText()).toContain(manageEn.closed_told);
      // The child hears, through the usual notification without content.
      await expect
        .poll(() =>
          s.app
            .botApi!.callsSince(calls)
            .filter((c) => c.method === "sendMessage" && c.payload.chat_id === 7100003)
            .map((c) => c.payload.text),
        )
        .toEqual([followup.en.new_message]);
    },
  );
});
