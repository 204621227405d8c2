// Opens the local Telegram simulator in headless Chromium and goes /start -> menu -> help, then
// switches the language, as a newcomer would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp } from "../../src/app.ts";
import { createConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { openTestDatabase, type TestDatabase } from "../harness/database.ts";
import { common } from "../harness/locales.ts";
import { TEST_APP_SECRET } from "../harness/test-app.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let database: TestDatabase;
let server: ServerType;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does this)`);
  database = await openTestDatabase();
  const config = createConfig({ NODE_ENV: "test", APP_SECRET: TEST_APP_SECRET, LOG_LEVEL: "silent" });
  const app = createApp({ config: { ...config, appSecret: TEST_APP_SECRET }, db: database.prisma, logger: createLogger("silent") });
  base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.http.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  await database?.close();
});

const lastBotMessage = () => page.locator(".msg.bot").last();

describe("the simulator", () => {
  it("lets a child go /start -> menu -> help, and switch language", async () => {
    const en = common.en;
    await page.goto(`${base}/simulator`);
    await page.getByRole("button", { name: /^Sam/ }).click();
    await page.getByLabel("Message").fill("/start");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => lastBotMessage().innerText()).toContain("Hi! 👋");

    await lastBotMessage().getByRole("button", { name: en.onboarding.continue }).click();
    await expect.poll(() => lastBotMessage().innerText()).toContain("Your privacy");
    // Telegram HTML is rendered, not shown as tags.
    expect(await lastBotMessage().locator("b").first().innerText()).toBe("Your privacy");

    await lastBotMessage().getByRole("button", { name: en.onboarding.understood }).click();
    await expect.poll(() => lastBotMessage().innerText()).toContain(en.menu.main);

    await lastBotMessage().getByRole("button", { name: en.menu.help }).click();
    await expect.poll(() => lastBotMessage().innerText()).toContain("150");
    const help = await lastBotMessage().innerText();
    for (const number of ["111", "112", "102"]) expect(help).toContain(number);

    await lastBotMessage().getByRole("button", { name: en.nav.language }).click();
    await lastBotMessage().getByRole("button", { name: "Қазақша" }).click();
    await expect.poll(() => lastBotMessage().innerText()).toContain(common.kk.menu.main);
    await page.screenshot({ path: "test-results/simulator.png" });
  });

  it("keeps each simulated child's chat separate, in their own Telegram language", async () => {
    await page.getByRole("button", { name: /^Дима/ }).click();
    await expect.poll(() => page.locator(".msg").count()).toBe(0);
    await page.getByLabel("Message").fill("/help");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => lastBotMessage().innerText()).toContain("Помощь сейчас");
  });
});
