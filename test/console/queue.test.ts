// The console's queue over HTTP: ordered by the database (priority, then deadline, then number),
// paged by key (no repeats while cases arrive), filters within an operator's regions, and the
// live fragment bringing the count chips along with the rows.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import type { ConsoleClient } from "../harness/console-client.ts";
import { signInFully } from "./staff-sign-in.ts";
import type { Db } from "../../src/db/client.ts";

const PASSWORD = "correct horse battery 42";
const PAGE = 50;
const HOUR = 3600_000;
const CLOSED = ["CLOSED", "SPAM", "DUPLICATE"] as const;
const RANK = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 } as const;
type Priority = keyof typeof RANK;
type Where = NonNullable<Parameters<Db["report"]["findMany"]>[0]>["where"];

let h: Harness;
let urgent: number;
let seq = 0;
const longAgo = Date.now() - 30 * 24 * HOUR;

/** A report as the bot stores it, for inserting many at once (its content is never opened). */
function report(o: {
  priority: Priority;
  region: string | null;
  slaDueAt: Date;
  category?: string;
  status?: (typeof CLOSED)[number] | "NEW" | "IN_PROGRESS";
  answered?: boolean;
}) {
  seq += 1;
  const createdAt = new Date(o.slaDueAt.getTime() - 24 * HOUR);
  return {
    codeHash: `test-code-hash-${seq}-${Math.random().toString(36).slice(2)}`,
    codeHint: "T3ST",
    language: "ru",
    status: o.status ?? "NEW",
    priority: o.priority,
    priorityReasons: [],
    category: o.category ?? "bullying",
    region: o.region,
    contentSealed: "sealed-test-content",
    slaDueAt: o.slaDueAt,
    firstResponseAt: o.answered ? new Date(createdAt.getTime() + HOUR) : null,
    createdAt,
  };
}

const cases = (html: string) => [...html.matchAll(/data-case="(\d+)"/g)].map((m) => Number(m[1]));
const nextHref = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll("&amp;", "&");
const count = (html: string, key: string) => Number(new RegExp(`data-count="${key}">(\\d+)<`).exec(html)?.[1]);

/** Every case number the queue shows at this address, page after page, following "next". */
async function allPages(c: ConsoleClient, path: string): Promise<{ numbers: number[]; pages: string[] }> {
  const numbers: number[] = [];
  const pages: string[] = [];
  let href: string | undefined = path;
  while (href) {
    const res = await c.get(href);
    expect(res.status).toBe(200);
    const html = await res.text();
    pages.push(href);
    const rows = cases(html);
    expect(rows.length).toBeLessThanOrEqual(PAGE);
    numbers.push(...rows);
    href = nextHref(html);
    if (href) expect(rows).toHaveLength(PAGE);
    expect(pages.length).toBeLessThan(100);
  }
  return { numbers, pages };
}

/** What the queue should show, worked out here: the open cases matching, sorted in JavaScript. */
async function expected(where: Where): Promise<number[]> {
  const rows = await h.db.report.findMany({
    where: { AND: [{ status: { notIn: [...CLOSED] } }, where ?? {}] },
    select: { number: true, priority: true, slaDueAt: true },
  });
  return rows
    .sort((a, b) => RANK[a.priority] - RANK[b.priority] || a.slaDueAt.getTime() - b.slaDueAt.getTime() || a.number - b.number)
    .map((r) => r.number);
}
const almatyScope: Where = { OR: [{ region: { in: ["almaty"] } }, { region: null }] };

// Every role has a second factor now: password, then TOTP (set up on the first sign-in).
const signIn = (email: string): Promise<ConsoleClient> => signInFully(h, email, PASSWORD);

beforeAll(async () => {
  h = await createHarness();
  await h.app.accounts.create({ email: "op.almaty@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
  await h.app.accounts.create({ email: "supervisor@ombudsman.kz", password: PASSWORD, role: "SUPERVISOR" });
  // 1,001 older normal reports (answered or not, two categories), all due long before anything new.
  await h.db.report.createMany({
    data: Array.from({ length: 1001 }, (_, i) =>
      report({
        priority: "NORMAL",
        region: "almaty",
        slaDueAt: new Date(longAgo + i * 60_000),
        category: i % 2 ? "online" : "bullying",
        answered: i % 3 !== 0,
      }),
    ),
  });
  // Then one new urgent report (no region given, as when a child is not safe now), due in an hour.
  urgent = (
    await h.db.report.create({
      data: report({ priority: "URGENT", region: null, slaDueAt: new Date(Date.now() + HOUR) }),
      select: { number: true },
    })
  ).number;
});
afterAll(() => h?.close());

describe("the queue", () => {
  it("shows a new urgent report first, even behind 1,001 older normal ones", async () => {
    const c = await signIn("supervisor@ombudsman.kz");
    const html = await (await c.get("/console")).text();
    const rows = cases(html);
    expect(rows[0]).toBe(urgent);
    expect(rows).toHaveLength(PAGE);
    expect(nextHref(html)).toMatch(/^\/console\?after=NORMAL\.\d+\.\d+$/);
  });

  it("PostgreSQL orders the Priority enum as declared: URGENT, HIGH, NORMAL, LOW", async () => {
    const [row] = await h.db.$queryRawUnsafe<{ r: string }[]>(`SELECT enum_range(NULL::"Priority")::text AS r`);
    expect(row!.r).toBe("{URGENT,HIGH,NORMAL,LOW}");
  });

  it("orders by priority, then deadline, then number, across the page", async () => {
    const t = (hours: number) => new Date(Date.now() + hours * HOUR);
    // Inserted out of order, with a tie on the deadline and a closed urgent case that must not show.
    await h.db.report.createMany({
      data: [
        report({ priority: "LOW", region: "shymkent", slaDueAt: t(1) }),
        report({ priority: "HIGH", region: "shymkent", slaDueAt: t(5) }),
        report({ priority: "URGENT", region: "shymkent", slaDueAt: t(3) }),
        report({ priority: "NORMAL", region: "shymkent", slaDueAt: t(-2) }),
        report({ priority: "HIGH", region: "shymkent", slaDueAt: t(2) }),
        report({ priority: "HIGH", region: "shymkent", slaDueAt: t(2) }),
        report({ priority: "URGENT", region: "shymkent", slaDueAt: t(9), status: "IN_PROGRESS" }),
        report({ priority: "LOW", region: "shymkent", slaDueAt: t(-5) }),
        report({ priority: "URGENT", region: "shymkent", slaDueAt: t(-9), status: "CLOSED" }),
      ],
    });
    const stored = await h.db.report.findMany({ where: { region: "shymkent" }, orderBy: { number: "asc" }, select: { number: true } });
    const n = stored.map((r) => r.number);
    const c = await signIn("supervisor@ombudsman.kz");
    const html = await (await c.get("/console?region=shymkent")).text();
    expect(cases(html)).toEqual([n[2], n[6], n[4], n[5], n[1], n[3], n[7], n[0]]);
    expect(nextHref(html)).toBeUndefined();
    // The same order straight from the database, as the queue asks for it.
    const direct = await h.db.report.findMany({
      where: { region: "shymkent", status: { not: "CLOSED" } },
      orderBy: [{ priority: "asc" }, { slaDueAt: "asc" }, { number: "asc" }],
      select: { number: true },
    });
    expect(direct.map((r) => r.number)).toEqual([n[2], n[6], n[4], n[5], n[1], n[3], n[7], n[0]]);
  });

  it("pages through the rest without repeats or gaps, even when a case arrives between pages", async () => {
    const c = await signIn("supervisor@ombudsman.kz");
    const want = await expected({});
    const first = await (await c.get("/console")).text();
    const page1 = cases(first);
    expect(page1).toEqual(want.slice(0, PAGE));
    // An urgent case arrives while the page is read: with offsets page 2 would repeat a row.
    await h.db.report.createMany({ data: [report({ priority: "URGENT", region: "almaty", slaDueAt: new Date(Date.now() + HOUR) })] });
    const rest = await allPages(c, nextHref(first)!);
    const seen = [...page1, ...rest.numbers];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(want);
    expect(want.length).toBeGreaterThan(1001);
    expect(rest.pages.length).toBe(Math.ceil(want.length / PAGE) - 1);
  });

  it("keeps the filters on every page, within the operator's regions: Almaty never sees Astana", async () => {
    await h.db.report.createMany({
      data: [
        report({ priority: "URGENT", region: "astana", slaDueAt: new Date(longAgo - HOUR) }),
        report({ priority: "HIGH", region: "astana", slaDueAt: new Date(longAgo - HOUR) }),
        report({ priority: "NORMAL", region: "astana", slaDueAt: new Date(longAgo - HOUR), category: "online" }),
      ],
    });
    const astana = (await h.db.report.findMany({ where: { region: "astana" }, select: { number: true } })).map((r) => r.number);
    const c = await signIn("op.almaty@ombudsman.kz");

    const all = await allPages(c, "/console");
    expect(all.numbers).toEqual(await expected(almatyScope));
    expect(all.numbers[0]).toBe(urgent);
    expect(all.numbers.filter((x) => astana.includes(x))).toEqual([]);

    expect(cases(await (await c.get("/console?region=astana")).text())).toEqual([]);
    const urgentOnly = await allPages(c, "/console?priority=URGENT");
    expect(urgentOnly.numbers).toEqual(await expected({ AND: [almatyScope, { priority: "URGENT" }] }));
    expect(urgentOnly.numbers).toContain(urgent);

    // Several filters at once, kept on every page's link: unanswered past the deadline, nobody on it, one category.
    const some = await allPages(c, "/console?category=online&assignee=none&overdue=1");
    expect(some.numbers).toEqual(
      await expected({ AND: [almatyScope, { category: "online", assignee: null, slaDueAt: { lt: new Date() }, firstResponseAt: null }] }),
    );
    expect(some.numbers.length).toBe(167);
    expect(some.pages.length).toBe(4);
    for (const href of some.pages.slice(1))
      expect(href).toMatch(/^\/console\?category=online&assignee=none&overdue=1&after=NORMAL\.\d+\.\d+$/);

    // A closed status asked for explicitly, and a page start that is not a key (ignored).
    await h.db.report.update({ where: { number: all.numbers[5]! }, data: { status: "CLOSED" }, select: { number: true } });
    expect(cases(await (await c.get("/console?status=CLOSED")).text())).toEqual([all.numbers[5]]);
    expect(cases(await (await c.get("/console?after=nonsense")).text())).toEqual(
      all.numbers.filter((x) => x !== all.numbers[5]).slice(0, PAGE),
    );
  });

  it("the live fragment brings the count chips with the rows when a new report arrives", async () => {
    const c = await signIn("op.almaty@ombudsman.kz");
    const page = await (await c.get("/console")).text();
    // The parts the page's script swaps in exist on the page, and there is no inline script.
    for (const id of ["queue-rows", "queue-counts", "queue-pager"]) expect(page).toContain(`id="${id}"`);
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const version = await (await c.get("/console/queue/version")).text();
    const before = await (await c.get("/console/queue/rows")).text();
    for (const part of ["queue-rows", "queue-counts", "queue-pager"]) expect(before).toContain(`<template data-part="${part}">`);
    const urgentBefore = count(before, "URGENT");
    const newBefore = count(before, "NEW");
    expect(urgentBefore).toBe(
      await h.db.report.count({ where: { AND: [almatyScope, { priority: "URGENT", status: { notIn: [...CLOSED] } }] } }),
    );

    const newest = await h.db.report.create({
      data: report({ priority: "URGENT", region: null, slaDueAt: new Date(Date.now() + 2 * HOUR) }),
      select: { number: true },
    });

    expect(await (await c.get("/console/queue/version")).text()).not.toBe(version);
    const after = await (await c.get("/console/queue/rows")).text();
    expect(count(after, "URGENT")).toBe(urgentBefore + 1);
    expect(count(after, "NEW")).toBe(newBefore + 1);
    expect(cases(after)).toContain(newest.number);
    expect(cases(after)).toEqual((await expected(almatyScope)).slice(0, PAGE));
  });

  it("the version changes when a case becomes overdue with time, so the overdue chip is not stale", async () => {
    const c = await signIn("op.almaty@ombudsman.kz");
    await h.db.report.createMany({ data: [report({ priority: "HIGH", region: "almaty", slaDueAt: new Date(Date.now() + 1500) })] });
    const version = await (await c.get("/console/queue/version")).text();
    const overdue = count(await (await c.get("/console/queue/rows")).text(), "overdue");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 2000);
      expect(await (await c.get("/console/queue/version")).text()).not.toBe(version);
      expect(count(await (await c.get("/console/queue/rows")).text(), "overdue")).toBe(overdue + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
