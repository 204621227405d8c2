// A staff member signed in to the console in a browser tab of its own: the account is made, the
// password and the second factor go through the console's own forms (over app.http, as the HTTP
// tests do), and the session cookie is handed to a new browser context, with the viewport asked
// for. The sign-in pages themselves have their own browser test (console.test.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { BrowserSession } from "./browser-harness.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { setupFields } from "../console/staff-sign-in.ts";
import type { Role } from "../../src/domain/staff/accounts.ts";

const PASSWORD = "a long enough passphrase for tests";

export async function consoleTab(
  s: BrowserSession,
  email: string,
  options: { role: Role; regions?: string[]; viewport?: { width: number; height: number }; lang?: "kk" | "ru" | "en" },
): Promise<Page> {
  await s.app.accounts.create({ email, password: PASSWORD, role: options.role, regions: options.regions ?? [] });
  const client = new ConsoleClient(s.app.http, s.base);
  expect((await client.signIn(email, PASSWORD)).status).toBe(302);
  await client.get("/console/totp");
  const { secret, pending } = setupFields(client.lastHtml);
  expect((await client.post("/console/totp/setup", { pending, code: s.app.accounts.codeFor(secret, email) })).status).toBe(200);
  const token = /^bala_console=(.+)$/.exec(client.cookie)?.[1];
  if (!token) throw new Error("no console session after sign-in");
  const context = await s.page
    .context()
    .browser()!
    .newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const host = new URL(s.base).hostname;
  await context.addCookies([
    { name: "bala_console", value: token, domain: host, path: "/console", httpOnly: true, sameSite: "Strict" },
    { name: "bala_console_lang", value: options.lang ?? "en", domain: host, path: "/console", sameSite: "Lax" },
  ]);
  return context.newPage();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page and returns its violations of the given rules (WCAG 2 AA colour
 * contrast by default). axe is evaluated through the DevTools protocol, which the page's CSP
 * (scripts from its own origin only) does not govern: the console's CSP stays as it is.
 */
export async function axe(page: Page, rules: string[] = ["color-contrast"]): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (only) => {
    const w = window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: "rule", values: only }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, rules);
}

/** How far the page can be scrolled sideways (0: it fits the viewport). */
export const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
