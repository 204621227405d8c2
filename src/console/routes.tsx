// The ombudsman console under /console: sign-in, the queue, case pages, statistics, audit,
// staff accounts. Every view of a case and every change is written to the audit log.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { baseSecurity, forbidden, language, LANG_COOKIE, requireRole, requireSession, SESSION_COOKIE } from "./security.js";
import { consoleCss, consoleJs } from "./static.js";
import { Layout } from "./views/layout.js";
import { LoginPage, TotpPage } from "./views/auth.js";
import { QueueLive, QueuePage } from "./views/queue.js";
import { CasePage } from "./views/case.js";
import { StatsPage } from "./views/stats.js";
import { AuditPage, DirectoryPage, StaffPage } from "./views/admin.js";
import { canSee, parseQueueCursor, AGENCIES, PRIORITIES, STATUSES, type QueueFilters, type Status } from "../domain/reports/casework.js";
import { audit, searchAudit } from "../domain/staff/audit.js";
import { passwordProblem } from "../domain/staff/passwords.js";
import { statistics, statisticsCsv } from "../domain/reports/statistics.js";
import { loadHelpDirectory, regions } from "../domain/help/directory.js";
import { replyToChild, replyToSignal } from "../bot/staff/reply.js";
import { SignalsPage } from "./views/signals.js";
import { OutboxPage } from "./views/outbox.js";
import { csvCell } from "./csv.js";
import type { SignalRecord } from "../domain/signals/signals.js";
import { isLanguage } from "../i18n/i18n.js";
import type { Role } from "../domain/staff/accounts.js";
import type { PriorityLevel } from "../domain/reports/triage.js";

type C = Context<ConsoleEnv>;

export function consoleRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { db, accounts, casework, reports, signals } = deps;
  const directory = loadHelpDirectory();

  app.use(...baseSecurity(), language(deps));
  app.get("/static/console.css", (c) => c.body(consoleCss, 200, { "content-type": "text/css; charset=utf-8" }));
  app.get("/static/console.js", (c) => c.body(consoleJs, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.get("/lang/:lang", (c) => {
    const lang = c.req.param("lang");
    if (isLanguage(lang)) setCookie(c, LANG_COOKIE, lang, { path: "/console", sameSite: "Lax", maxAge: 365 * 24 * 3600 });
    // Back to the page the person was on, if it was a console page of this site.
    const referer = URL.parse(c.req.header("referer") ?? "");
    const back = referer && referer.host === new URL(c.req.url).host && referer.pathname.startsWith("/console") ? referer.pathname : "/console";
    return c.redirect(back);
  });

  // ---- sign-in ------------------------------------------------------------------------------
  const page = (c: C, title: string, body: unknown, status: 200 | 400 | 403 | 404 = 200) => {
    const account = c.get("account");
    return c.html(
      <Layout t={c.get("t")} lang={c.get("lang")} title={title} role={account?.role} email={account?.email} csrf={c.get("csrf")}>
        {body as never}
      </Layout>,
      status,
    );
  };
  const setSession = (c: C, token: string) =>
    setCookie(c, SESSION_COOKIE, token, { path: "/console", httpOnly: true, secure: deps.secureCookies, sameSite: "Strict", maxAge: 12 * 3600 });

  app.get("/login", (c) => c.html(<LoginPage t={c.get("t")} lang={c.get("lang")} />));
  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const email = String(form.email ?? "");
    const result = await accounts.signIn(email, String(form.password ?? ""));
    if (!result.ok) {
      await audit(db, "anonymous", `signin.${result.reason}`, email.toLowerCase().slice(0, 120));
      // A small, constant delay on every failure slows down guessing further.
      await new Promise((r) => setTimeout(r, 300));
      return c.html(<LoginPage t={c.get("t")} lang={c.get("lang")} error={c.get("t")(`console:login_${result.reason}`)} />, 401);
    }
    setSession(c, result.token);
    await audit(db, result.account.id, "signin.password");
    return c.redirect(result.pendingTotp || (result.account.role === "ADMIN" && !result.account.totpSealed) ? "/console/totp" : "/console");
  });

  const totpArea = new Hono<ConsoleEnv>();
  totpArea.use(requireSession(deps, { allowPendingTotp: true }));
  totpArea.get("/", async (c) => {
    const account = c.get("account");
    if (account.totpSealed) return c.html(<TotpPage t={c.get("t")} lang={c.get("lang")} csrf={c.get("csrf")} />);
    const setup = accounts.newTotpSecret(account.email);
    const sealed = await deps.sealer.seal(setup.secret, `totp-setup:${c.get("sessionId")}`);
    return c.html(<TotpPage t={c.get("t")} lang={c.get("lang")} csrf={c.get("csrf")} setup={{ ...setup, sealed }} />);
  });
  totpArea.post("/", async (c) => {
    const form = await c.req.parseBody();
    if (!(await accounts.verifyTotp(c.get("account"), String(form.code ?? "")))) {
      await audit(db, c.get("account").id, "signin.totp_failed");
      // After too many wrong codes the session is gone: back to the password.
      if (!(await accounts.session(getCookie(c, SESSION_COOKIE), { touch: false }))) return c.redirect("/console/login");
      return c.html(<TotpPage t={c.get("t")} lang={c.get("lang")} csrf={c.get("csrf")} error={c.get("t")("console:totp_invalid")} />, 401);
    }
    await accounts.completeTotp(c.get("sessionId"));
    await audit(db, c.get("account").id, "signin.totp");
    return c.redirect("/console");
  });
  totpArea.post("/setup", async (c) => {
    const form = await c.req.parseBody();
    const secret = await deps.sealer.open(String(form.pending ?? ""), `totp-setup:${c.get("sessionId")}`).catch(() => "");
    if (!secret || !(await accounts.enableTotp(c.get("account"), secret, String(form.code ?? "")))) return c.redirect("/console/totp");
    await accounts.completeTotp(c.get("sessionId"));
    await audit(db, c.get("account").id, "account.totp_enabled");
    return c.redirect("/console");
  });
  app.route("/totp", totpArea);

  // ---- everything below needs a full sign-in ------------------------------------------------
  const signedIn = new Hono<ConsoleEnv>();
  signedIn.use(requireSession(deps));

  signedIn.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await accounts.signOut(token);
    deleteCookie(c, SESSION_COOKIE, { path: "/console" });
    await audit(db, c.get("account").id, "signout");
    return c.redirect("/console/login");
  });

  const viewer = (c: C) => ({ id: c.get("account").id, role: c.get("account").role as Role, regions: c.get("account").regions });
  const filtersOf = (c: C): QueueFilters => {
    const q = c.req.query();
    const pick = <T extends readonly string[]>(value: string | undefined, allowed: T) => (value && allowed.includes(value) ? value : undefined);
    return {
      status: pick(q.status, STATUSES),
      priority: pick(q.priority, PRIORITIES),
      region: pick(q.region, regions),
      category: q.category && /^[a-z_]{2,20}$/.test(q.category) ? q.category : undefined,
      assignee: q.assignee === "none" ? "none" : q.assignee === c.get("account").id ? q.assignee : undefined,
      overdue: q.overdue === "1",
    };
  };
  const emails = async () => new Map((await accounts.list()).map((a) => [a.id, a.email]));

  signedIn.get("/", async (c) => {
    const v = viewer(c);
    const filters = filtersOf(c);
    const after = parseQueueCursor(c.req.query("after"));
    const [{ rows, next }, counts, version] = await Promise.all([casework.queue(v, filters, { after }), casework.counts(v), casework.version(v)]);
    await audit(db, v.id, "queue.view");
    return page(
      c,
      c.get("t")("console:nav_queue"),
      <QueuePage t={c.get("t")} filters={filters} counts={counts} version={version} rows={rows} after={after} next={next} me={v.id} emails={await emails()} now={new Date()} />,
    );
  });
  signedIn.get("/queue/version", async (c) => c.text(await casework.version(viewer(c))));
  // The live view: rows, count chips and pager together, so they never disagree.
  signedIn.get("/queue/rows", async (c) => {
    const v = viewer(c);
    const filters = filtersOf(c);
    const after = parseQueueCursor(c.req.query("after"));
    const [{ rows, next }, counts] = await Promise.all([casework.queue(v, filters, { after }), casework.counts(v)]);
    return c.html(<QueueLive t={c.get("t")} filters={filters} counts={counts} rows={rows} after={after} next={next} me={v.id} emails={await emails()} now={new Date()} />);
  });

  // ---- a case -------------------------------------------------------------------------------
  const caseOf = async (c: C) => {
    const number = Number(c.req.param("number"));
    const report = Number.isSafeInteger(number) ? await reports.byNumber(number) : null;
    if (!report) return { error: page(c, "404", <p>{c.get("t")("console:not_found")}</p>, 404) } as const;
    if (!canSee(viewer(c), report)) {
      await audit(db, c.get("account").id, "case.denied", report.number);
      return { error: forbidden(c) } as const;
    }
    return { report } as const;
  };
  const back = (c: C, number: number, flash?: string) => c.redirect(`/console/reports/${number}${flash ? `?flash=${flash}` : ""}`);
  const afterChange = async (number: number) => {
    // Keep the staff group's message in step with the console.
    const fresh = await reports.byNumber(number);
    if (fresh) await deps.staff.refresh(deps.api, fresh).catch(() => undefined);
  };

  signedIn.get("/reports/:number", async (c) => {
    const found = await caseOf(c);
    if (found.error) return found.error;
    const r = found.report;
    const me = c.get("account");
    await audit(db, me.id, "case.view", r.number);
    const [content, thread, notes, referrals, history, staffAccounts] = await Promise.all([
      r.contentDeletedAt ? undefined : reports.content(r),
      reports.thread(r.id),
      casework.notes(r.id),
      casework.referrals(r.id),
      casework.history(r.id),
      accounts.list(),
    ]);
    const flash = c.req.query("flash");
    const t = c.get("t");
    const flashText = flash ? { kind: flash === "note_required" || flash === "merge_failed" || flash === "claim_lost" ? ("error" as const) : ("ok" as const), text: t(`console:${flash}`) } : undefined;
    return page(
      c,
      `#${r.number}`,
      <CasePage
        t={t}
        childT={deps.i18n.t(isLanguage(r.language) ? r.language : "ru")}
        csrf={c.get("csrf")}
        report={r}
        content={content}
        thread={thread}
        notes={notes}
        referrals={referrals}
        history={history}
        me={me.id}
        emails={new Map(staffAccounts.map((a) => [a.id, a.email]))}
        staffAccounts={staffAccounts.filter((a) => a.active)}
        canReassign={me.role !== "OPERATOR"}
        flash={flashText}
      />,
    );
  });

  const caseAction = (path: string, run: (c: C, report: NonNullable<Awaited<ReturnType<typeof reports.byNumber>>>, form: Record<string, string | File | (string | File)[]>) => Promise<string | undefined>) =>
    signedIn.post(`/reports/:number/${path}`, async (c) => {
      const found = await caseOf(c);
      if (found.error) return found.error;
      const form = await c.req.parseBody({ all: true });
      const flash = await run(c, found.report, form);
      await audit(db, c.get("account").id, `case.${path}`, found.report.number, flash ? { result: flash } : {});
      await afterChange(found.report.number);
      return back(c, found.report.number, flash);
    });

  caseAction("claim", async (c, r) => ((await reports.claim(r.id, c.get("account").id)) ? "claimed" : "claim_lost"));
  caseAction("release", async (c, r) => {
    if (r.assignee === c.get("account").id) await casework.release(r, c.get("account").id);
    return undefined;
  });
  caseAction("assign", async (c, r, form) => {
    if (c.get("account").role === "OPERATOR") return undefined;
    const to = String(form.to ?? "");
    await casework.reassign(r, c.get("account").id, to || null);
    return undefined;
  });
  caseAction("priority", async (c, r, form) => {
    const p = String(form.priority ?? "");
    if ((PRIORITIES as readonly string[]).includes(p)) await reports.setPriority(r, c.get("account").id, p as PriorityLevel);
    return undefined;
  });
  caseAction("status", async (c, r, form) => {
    const s = String(form.status ?? "");
    if (!(STATUSES as readonly string[]).includes(s)) return undefined;
    const result = await casework.setStatus(r, c.get("account").id, s as Status, String(form.note ?? ""));
    return result.ok ? undefined : result.problem;
  });
  caseAction("note", async (c, r, form) => {
    const text = String(form.text ?? "").trim();
    if (text) await casework.addNote(r, c.get("account").id, text.slice(0, 4000));
    return undefined;
  });
  caseAction("refer", async (c, r, form) => {
    const agency = String(form.agency ?? "");
    if ((AGENCIES as readonly string[]).includes(agency)) await casework.refer(r, c.get("account").id, agency);
    return undefined;
  });
  caseAction("reply", async (c, r, form) => {
    const text = String(form.text ?? "").trim().slice(0, 3500);
    if (!text) return undefined;
    const outcome = await replyToChild({ reports, outbox: deps.outbox, i18n: deps.i18n }, r, c.get("account").id, text);
    deps.dispatch();
    return `reply_${outcome}`;
  });
  caseAction("merge", async (c, r, form) => ((await casework.merge(r, viewer(c), Number(form.into))) ? undefined : "merge_failed"));
  caseAction("spam", async (c, r, form) => {
    await reports.markSpam(r, c.get("account").id);
    if (form.block === "1") await reports.blockReporter(r, c.get("account").id);
    return undefined;
  });

  signedIn.post("/referrals/:id/outcome", async (c) => {
    const referral = await db.referral.findUnique({ where: { id: c.req.param("id") }, include: { report: true } });
    if (!referral || !canSee(viewer(c), referral.report)) return forbidden(c);
    const form = await c.req.parseBody();
    await casework.referralOutcome(referral.id, c.get("account").id, String(form.outcome ?? "").slice(0, 500));
    await audit(db, c.get("account").id, "case.referral_outcome", referral.report.number);
    return back(c, referral.report.number);
  });

  // ---- signals: danger heard outside a sent report (every role: it has no region) -------------
  signedIn.get("/signals", async (c) => {
    const showClosed = c.req.query("closed") === "1";
    const flash = c.req.query("flash");
    await audit(db, c.get("account").id, "signals.view");
    const list = await signals.list({ includeClosed: showClosed });
    const flashText = flash && /^signal_[a-z_]+$/.test(flash) ? { kind: flash === "signal_reply_failed" ? ("error" as const) : ("ok" as const), text: c.get("t")(`console:${flash}`) } : undefined;
    return page(c, c.get("t")("console:signals_title"), <SignalsPage t={c.get("t")} csrf={c.get("csrf")} signals={list} showClosed={showClosed} now={new Date()} flash={flashText} />);
  });
  const signalAction = (path: string, run: (c: C, signal: SignalRecord, form: Record<string, string | File>) => Promise<string | undefined>) =>
    signedIn.post(`/signals/:id/${path}`, async (c) => {
      const signal = await signals.find(c.req.param("id"));
      if (!signal) return page(c, "404", <p>{c.get("t")("console:not_found")}</p>, 404);
      const flash = await run(c, signal, await c.req.parseBody());
      await audit(db, c.get("account").id, `signal.${path}`, signal.reference, flash ? { result: flash } : {});
      return c.redirect(`/console/signals${flash ? `?flash=${flash}` : ""}`);
    });
  signalAction("reply", async (c, signal, form) => {
    const text = String(form.text ?? "").trim().slice(0, 3500);
    if (!text || signal.status === "CLOSED") return undefined;
    const outcome = await replyToSignal({ signals, outbox: deps.outbox, i18n: deps.i18n }, signal, c.get("account").id, text);
    deps.dispatch();
    return `signal_reply_${outcome}`;
  });
  signalAction("close", async (c, signal) => {
    await signals.close(signal, c.get("account").id);
    return "signal_closed";
  });
  signalAction("block", async (c, signal) => {
    await signals.block(signal, c.get("account").id);
    return "signal_blocked";
  });

  // ---- undelivered messages (supervisors, admins) -------------------------------------------
  signedIn.get("/outbox", requireRole("SUPERVISOR", "ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "outbox.view");
    const [dead, pending] = await Promise.all([deps.outbox.deadLetters(), deps.outbox.pendingCount()]);
    return page(c, c.get("t")("console:outbox_title"), <OutboxPage t={c.get("t")} csrf={c.get("csrf")} dead={dead} pending={pending} />);
  });
  signedIn.post("/outbox/:id/retry", requireRole("SUPERVISOR", "ADMIN"), async (c) => {
    await deps.outbox.revive(c.req.param("id"));
    await audit(db, c.get("account").id, "outbox.retry", c.req.param("id"));
    deps.dispatch();
    return c.redirect("/console/outbox");
  });

  // ---- statistics (supervisors, admins) -----------------------------------------------------
  signedIn.get("/stats", requireRole("SUPERVISOR", "ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "stats.view");
    return page(c, c.get("t")("console:stats_title"), <StatsPage t={c.get("t")} stats={await statistics(db)} />);
  });
  signedIn.get("/stats.csv", requireRole("SUPERVISOR", "ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "stats.export");
    return c.body(statisticsCsv(await statistics(db)), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="statistics.csv"' });
  });

  // ---- admin --------------------------------------------------------------------------------
  const auditQuery = (c: C) => ({ action: c.req.query("action") || undefined, target: c.req.query("target") || undefined });
  signedIn.get("/audit", requireRole("ADMIN"), async (c) => {
    const query = auditQuery(c);
    await audit(db, c.get("account").id, "audit.view");
    const entries = await searchAudit(db, query);
    return page(c, c.get("t")("console:audit_title"), <AuditPage t={c.get("t")} entries={entries} query={Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>} emails={await emails()} />);
  });
  signedIn.get("/audit.csv", requireRole("ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "audit.export");
    const entries = await searchAudit(db, { ...auditQuery(c), limit: 10_000 });
    const csv = ["at,actor,action,target", ...entries.map((e) => [e.at.toISOString(), e.actor, e.action, e.target ?? ""].map(csvCell).join(","))].join("\n") + "\n";
    return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="audit.csv"' });
  });
  signedIn.get("/staff", requireRole("ADMIN"), async (c) => {
    const flash = c.req.query("flash");
    return page(c, c.get("t")("console:staff_title"), <StaffPage t={c.get("t")} csrf={c.get("csrf")} accounts={await accounts.list()} flash={flash ? { kind: flash === "staff_created" ? "ok" : "error", text: c.get("t")(`console:${flash}`) } : undefined} />);
  });
  signedIn.post("/staff", requireRole("ADMIN"), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const password = String(form.password ?? "");
    const role = String(form.role ?? "");
    if (passwordProblem(password) || !["OPERATOR", "SUPERVISOR", "ADMIN"].includes(role)) return c.redirect("/console/staff?flash=staff_password_weak");
    const chosen = ([] as unknown[]).concat(form.regions ?? []).map(String).filter((r) => (regions as readonly string[]).includes(r));
    const account = await accounts.create({ email: String(form.email ?? ""), password, role: role as Role, regions: chosen });
    await audit(db, c.get("account").id, "account.create", account.email, { role });
    return c.redirect("/console/staff?flash=staff_created");
  });
  signedIn.post("/staff/:id/active", requireRole("ADMIN"), async (c) => {
    const form = await c.req.parseBody();
    const active = form.active === "1";
    await accounts.setActive(c.req.param("id"), active);
    await audit(db, c.get("account").id, active ? "account.enable" : "account.disable", c.req.param("id"));
    return c.redirect("/console/staff");
  });
  signedIn.get("/directory", requireRole("ADMIN"), (c) => page(c, c.get("t")("console:directory_title"), <DirectoryPage t={c.get("t")} directory={directory} />));

  app.route("/", signedIn);
  return app;
}
