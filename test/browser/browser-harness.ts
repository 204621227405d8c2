// Serves the whole app (simulator on) on a local port and drives the simulator page in Debian's
// headless Chromium through playwright-core.
import { existsSync } from "node:fs";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp, type App } from "../../src/app.ts";
import { createConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { openTestDatabase, type TestDatabase } from "../harness/database.ts";
import { TEST_APP_SECRET } from "../harness/test-app.ts";
import { common, report, type Lang } from "../harness/locales.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface BrowserSession {
  page: Page;
  app: App;
  base: string;
  /** Opens a chat in the sidebar by its title. */
  openChat(title: RegExp): Promise<void>;
  send(text: string): Promise<void>;
  /** Taps a button on the newest bot message that has it. */
  tap(label: string): Promise<void>;
  lastBotText(): Promise<string>;
  /** Files a report in the open child's chat by tapping through it; returns the case code. */
  fileReport(lang: Lang, options: { region?: keyof (typeof report)["en"]["regions"]; unsafe?: boolean; words: string }): Promise<string>;
  close(): Promise<void>;
}

export async function openSimulator(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does this)`);
  const database: TestDatabase = await openTestDatabase();
  // A test taps faster than any child: the flood guard has its own test.
  const config = createConfig({ NODE_ENV: "test", APP_SECRET: TEST_APP_SECRET, LOG_LEVEL: "silent", FLOOD_LIMIT: "10000" });
  const app = createApp({ config: { ...config, appSecret: TEST_APP_SECRET }, db: database.prisma, logger: createLogger("silent") });
  let server!: ServerType;
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.http.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${base}/simulator`);
  const lastBot = () => page.locator(".msg.bot").last();
  const session: BrowserSession = {
    page,
    app,
    base,
    openChat: async (title) => {
      await page.getByRole("button", { name: title }).click();
    },
    send: async (text) => {
      const before = await page.locator(".msg").count();
      await page.getByLabel("Message").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
      await page.waitForFunction((n) => document.querySelectorAll(".msg").length > n, before);
    },
    tap: async (label) => {
      await page
        .locator(".msg.bot", { has: page.getByRole("button", { name: label, exact: true }) })
        .last()
        .getByRole("button", { name: label, exact: true })
        .click();
      await page.waitForLoadState("networkidle");
    },
    lastBotText: () => lastBot().innerText(),
    fileReport: async (lang, options) => {
      const r = report[lang];
      const { send, tap } = session;
      await send("/menu");
      await tap(common[lang].menu.report);
      await tap(r.start);
      if (options.unsafe) {
        await tap(r.safe_no);
        await tap(r.continue);
        await tap(r.cat_physical);
      } else {
        await tap(r.safe_yes);
        await tap(r.cat_bullying);
        await tap(r.who_child);
        await tap(r.place_school);
        await tap(r.ongoing_yes);
        await tap(options.region ? r.regions[options.region] : r.prefer_not);
        await tap(r.age_10_12);
        await tap(r.skip);
      }
      await send(options.words);
      await tap(r.evidence_skip);
      await tap(r.contact_yes);
      await tap(r.send);
      // The page polls for new messages; wait until the code is on screen.
      await page.waitForFunction(() =>
        /[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}/.test([...document.querySelectorAll(".msg.bot")].at(-1)?.textContent ?? ""),
      );
      const code = /([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})/.exec(await lastBot().innerText())?.[1];
      if (!code) throw new Error("no case code shown");
      return code;
    },
    close: async () => {
      await browser.close();
      server.close();
      await database.close();
    },
  };
  return session;
}
