// The console and the simulator on a 390x844 phone: nothing scrolls sideways, the queue is a list
// of cards, the case page one column, the simulator's chat list a drawer with Send in reach; a
// child can attach a photo or a file, and Telegram's pop-up answers show. Every console page
// passes axe-core's WCAG 2 AA colour-contrast check, on the phone and on a desktop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openSimulator, type BrowserSession } from "./browser-harness.ts";
import { axe, consoleTab, sidewaysScroll } from "./console-session.ts";
import { common, report } from "../harness/locales.ts";
import consoleEn from "../../locales/en/console.json" with { type: "json" };

const PHONE = { width: 390, height: 844 };
let s: BrowserSession;
let phone: Page;
let desktop: Page;
let urgentCase: string;

beforeAll(async () => {
  s = await openSimulator();
  await s.openChat(/^Sam/);
  await s.fileReport("en", { region: "almaty", words: "Older boys take my lunch money every day" });
  await s.fileReport("en", { unsafe: true, words: "My stepfather hits me and I am scared to go home" });
  phone = await consoleTab(s, "lead@ombudsman.kz", { role: "SUPERVISOR", viewport: PHONE });
  desktop = await consoleTab(s, "admin@ombudsman.kz", { role: "ADMIN" });
  await desktop.goto(`${s.base}/console`);
  urgentCase = (await desktop.locator("#queue-rows tr.URGENT").first().getAttribute("data-case"))!;
  // A first answer, so the statistics have a response time to show.
  await desktop.goto(`${s.base}/console/reports/${urgentCase}`);
  await desktop.locator("#reply-text").fill("We hear you. Are you somewhere safe right now?");
  await desktop.getByRole("button", { name: consoleEn.reply_send }).click();
  await desktop.waitForURL(/flash=reply_/);
  // A shared machine can take a minute to start a database and Chromium.
}, 240_000);
afterAll(() => s?.close());

const contrast = async (page: Page) =>
  (await axe(page)).flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`));

describe("the console on a phone", () => {
  it("shows the queue as cards without sideways scrolling", async () => {
    await phone.goto(`${s.base}/console`);
    expect(await sidewaysScroll(phone)).toBe(0);
    const card = phone.locator("#queue-rows tr.URGENT").first();
    expect(await card.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
    // Each value keeps its column's name.
    expect(
      await card
        .locator("td[data-label]")
        .nth(3)
        .evaluate((td) => getComputedStyle(td, "::before").content),
    ).toBe(`"${consoleEn.category}: "`);
    const box = await card.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await contrast(phone)).toEqual([]);
    await phone.screenshot({ path: "test-results/phone-queue.png", fullPage: true });
  });

  it("shows a case in one column", async () => {
    await phone.goto(`${s.base}/console/reports/${urgentCase}`);
    expect(await sidewaysScroll(phone)).toBe(0);
    const columns = await phone.locator(".grid").evaluate((g) => getComputedStyle(g).gridTemplateColumns.split(" ").length);
    expect(columns).toBe(1);
    const send = await phone.getByRole("button", { name: consoleEn.reply_send }).boundingBox();
    expect(send!.x + send!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await contrast(phone)).toEqual([]);
    await phone.screenshot({ path: "test-results/phone-case.png", fullPage: true });
  });

  it("shows readable statistics: full labels, minutes under an hour, a legend for every colour", async () => {
    await phone.goto(`${s.base}/console/stats`);
    expect(await sidewaysScroll(phone)).toBe(0);
    // The answer came within seconds: minutes, never "0.0 h".
    expect(await phone.locator("#stat-median").innerText()).toBe("1 min");
    // Whole category names (never cut mid-word), then what the region bars' two colours mean.
    expect(await phone.locator(".legend li").allInnerTexts()).toEqual([
      report.en.cat_bullying,
      report.en.cat_physical,
      consoleEn.stats_legend_all,
      consoleEn.stats_legend_urgent,
    ]);
    for (const item of await phone.locator(".legend li").all())
      expect(await item.evaluate((li) => li.scrollWidth <= li.clientWidth)).toBe(true);
    expect(await contrast(phone)).toEqual([]);
    await phone.screenshot({ path: "test-results/phone-stats.png", fullPage: true });
  });

  it("offers a CSV by month, region, category and age band", async () => {
    const csv = await phone.evaluate(async () => (await fetch("/console/stats-detail.csv")).text());
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toBe(
      "month,region,region_name,category,category_name,age_band,age_band_name,reports,urgent,open,overdue,answered,answered_within_deadline,median_first_response_minutes",
    );
    const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Almaty", year: "numeric", month: "2-digit" })
      .format(new Date())
      .slice(0, 7);
    const q = (text: string) => `"${text}"`;
    expect(rows).toContain(
      [
        month,
        q("almaty"),
        q(report.en.regions.almaty),
        q("bullying"),
        q(report.en.cat_bullying),
        q("AGE_10_12"),
        q(report.en.age_10_12),
        1,
        0,
        1,
        0,
        0,
        0,
        "",
      ].join(","),
    );
    // The urgent report: no region or age given, answered within its hour.
    expect(rows.find((r) => r.includes(q("physical")))).toMatch(
      new RegExp(`^${month},"unknown","${consoleEn.stats_region_unknown}","physical",.*,1,1,1,0,1,1,[01]$`),
    );
    expect(csv).not.toContain("lunch money");
  });
});

describe("contrast on a desktop", () => {
  it.each(["/console", `/console/reports/{case}`, "/console/stats"])("%s passes WCAG AA colour contrast", async (path) => {
    await desktop.goto(`${s.base}${path.replace("{case}", urgentCase)}`);
    expect(await contrast(desktop)).toEqual([]);
  });
});

describe("the simulator on a phone", () => {
  let sim: Page;
  beforeAll(async () => {
    sim = await s.page.context().browser()!.newPage({ viewport: PHONE });
    await sim.goto(`${s.base}/simulator`);
  });

  it("keeps the chat list in a drawer and Send on screen", async () => {
    const list = sim.locator("#chats");
    expect(await list.isVisible()).toBe(false);
    expect(await sidewaysScroll(sim)).toBe(0);
    await sim.getByRole("button", { name: "☰ Chats" }).click();
    expect(await list.isVisible()).toBe(true);
    await sim.getByRole("button", { name: /^Sam/ }).click();
    expect(await list.isVisible()).toBe(false);
    const send = await sim.getByRole("button", { name: "Send" }).boundingBox();
    expect(send!.x + send!.width).toBeLessThanOrEqual(PHONE.width);
    expect(send!.y + send!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await sidewaysScroll(sim)).toBe(0);
  });

  it("shows Telegram's pop-up answer to a tap as a toast", async () => {
    const bot = sim.locator(".msg.bot");
    const before = await bot.count();
    const start = async (n: number) => {
      await sim.getByLabel("Message").fill("/start");
      await sim.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => bot.count()).toBe(n);
    };
    await start(before + 1);
    await start(before + 2);
    const [older, newer] = [bot.nth(before), bot.nth(before + 1)];
    const next = { name: common.en.onboarding.continue, exact: true };
    await newer.getByRole("button", next).click();
    await expect.poll(() => newer.innerText()).toContain(common.en.onboarding.understood);
    // The older screen's button is out of date: Telegram shows the bot's answer as a pop-up.
    await older.getByRole("button", next).click();
    const toast = sim.locator("#toasts .toast");
    await expect.poll(() => toast.count()).toBe(1);
    expect(await toast.innerText()).toBe(common.en.errors.oldButton);
    expect(await sidewaysScroll(sim)).toBe(0);
  });

  it("lets a child attach a photo (sent as Telegram sends one: JPEG) and a file", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mP8z8Dwn4EIwDiqkL4KAQBgCQP9kB0vSQAAAABJRU5ErkJggg==",
      "base64",
    );
    const calls = s.app.botApi!.calls.length;
    await sim.getByRole("button", { name: "Attach a photo or a file" }).click();
    const [photoChooser] = await Promise.all([sim.waitForEvent("filechooser"), sim.getByRole("button", { name: "📷 Photo" }).click()]);
    await photoChooser.setFiles({ name: "bruise.png", mimeType: "image/png", buffer: png });
    await expect.poll(() => sim.locator(".msg.user img").count()).toBe(1);
    await expect.poll(() => s.app.botApi!.files.list().length).toBe(1);
    const photo = s.app.botApi!.files.list()[0]!;
    expect(photo.kind).toBe("photo");
    // The bot can fetch it the way it fetches from Telegram: getFile, then the file path.
    const info = (await (
      await s.app.botApi!.fetch(`${s.app.botApi!.apiRoot}/bot1:x/getFile`, {
        method: "POST",
        body: JSON.stringify({ file_id: photo.fileId }),
      })
    ).json()) as { result: { file_path: string } };
    const bytes = new Uint8Array(
      await (await s.app.botApi!.fetch(`${s.app.botApi!.apiRoot}/file/bot1:x/${info.result.file_path}`)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // The bot answered the update (something outside a report step: its kind fallback).
    await expect
      .poll(() => s.app.botApi!.callsSince(calls).some((c) => c.method === "sendMessage" && c.payload.chat_id === 7100003))
      .toBe(true);

    await sim.getByRole("button", { name: "Attach a photo or a file" }).click();
    const [fileChooser] = await Promise.all([sim.waitForEvent("filechooser"), sim.getByRole("button", { name: "📄 File" }).click()]);
    await fileChooser.setFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% a test file\n") });
    await expect.poll(() => sim.locator(".msg.user .file").innerText()).toBe("📄 notes.pdf · 23 B");
    expect(s.app.botApi!.files.list().find((f) => f.kind === "document")?.name).toBe("notes.pdf");
    expect(await sidewaysScroll(sim)).toBe(0);
    await sim.screenshot({ path: "test-results/phone-simulator.png" });
  });
});
