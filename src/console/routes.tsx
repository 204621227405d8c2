// The ombudsman console under /console: sign-in, the queue, case pages, statistics, audit,
// staff accounts. Every view of a case and every change is written to the audit log.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import {
  addressBucket,
  baseSecurity,
  clientAddress,
  forbidden,
  language,
  LANG_COOKIE,
  readForm,
  requireRole,
  requireSession,
  sessionCookie,
} from "./security.js";
import { consoleCss, consoleJs } from "./static.js";
import { ClockContext, clockMiddleware } from "./clock.js";
import { liveRoutes } from "./live-routes.js";
import { statisticsBreakdown } from "../domain/reports/statistics-breakdown.js";
import { breakdownCsv, breakdownNames } from "./stats-csv.js";
import { Layout } from "./views/layout.js";
import { LoginPage, PasswordPage, RecoveryCodesPage, TotpPage } from "./views/auth.js";
import { QueueLive, QueuePage } from "./views/queue.js";
import { CasePage } from "./views/case.js";
import { StatsPage } from "./views/stats.js";
import { AuditPage, DirectoryPage } from "./views/admin.js";
import { canSee, parseQueueCursor, PRIORITIES, STATUSES, type QueueFilters } from "../domain/reports/casework.js";
import { audit, searchAudit } from "../domain/staff/audit.js";
import { PasswordBusyError } from "../domain/staff/passwords.js";
import { statistics, statisticsCsv } from "../domain/reports/statistics.js";
import { loadHelpDirectory, regions } from "../domain/help/directory.js";
import { replyToChild, replyToSignal } from "../bot/staff/reply.js";
import { SignalsPage } from "./views/signals.js";
import { evidenceRoutes } from "./evidence.js";
import { OutboxPage } from "./views/outbox.js";
import { csvCell } from "./csv.js";
import { setupRoutes } from "./setup-routes.js";
import { staffRoutes } from "./staff-routes.js";
import { caseworkRoutes } from "./casework-routes.js";
import { createSetupLinks } from "../domain/staff/setup-links.js";
import type { SignalRecord } from "../domain/signals/signals.js";
import { isLanguage } from "../i18n/i18n.js";
import { normaliseEmail, type Role } from "../domain/staff/accounts.js";
import type { PriorityLevel } from "../domain/reports/triage.js";

type C = Context<ConsoleEnv>;

/** A case number as typed in a URL or a form: a positive whole number that fits the column, or undefined. */
function caseNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d{1,10}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? n : undefined;
}

export function consoleRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { db, accounts, casework, reports, signals } = deps;
  const directory = loadHelpDirectory();

  app.use(...baseSecurity(deps), language(deps), clockMiddleware(deps));
  const cookie = sessionCookie(deps.secureCookies);
  app.get("/static/console.css", (c) => c.body(consoleCss, 200, { "content-type": "text/css; charset=utf-8" }));
  app.get("/static/console.js", (c) => c.body(consoleJs, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.get("/lang/:lang", (c) => {
    const lang = c.req.param("lang");
    if (isLanguage(lang)) setCookie(c, LANG_COOKIE, lang, { path: "/console", sameSite: "Lax", maxAge: 365 * 24 * 3600 });
    // Back to the page the person was on, if it was a console page of this site.
    const referer = URL.parse(c.req.header("referer") ?? "");
    const back =
      referer && referer.host === new URL(c.req.url).host && referer.pathname.startsWith("/console") ? referer.pathname : "/console";
    return c.redirect(back);
  });

  // ---- sign-in ------------------------------------------------------------------------------
  const page = (c: C, title: string, body: unknown, status: 200 | 400 | 403 | 404 = 200) => {
    const account = c.get("account");
    return c.html(
      <ClockContext.Provider value={c.get("clock")}>
        <Layout t={c.get("t")} lang={c.get("lang")} title={title} role={account?.role} email={account?.email} csrf={c.get("csrf")}>
          {body as never}
        </Layout>
      </ClockContext.Provider>,
      status,
    );
  };
  const setSession = (c: C, token: string) => setCookie(c, cookie.name, token, cookie.options);

  // One answer for a wrong password, an unknown email, a throttled or a disabled account.
  const loginFailed = (c: C, status: 401 | 503 = 401) =>
    c.html(
      <LoginPage t={c.get("t")} lang={c.get("lang")} error={c.get("t")(status === 503 ? "console:login_busy" : "console:login_failed")} />,
      status,
    );

  // Before the first admin exists, the sign-in page says where the one-time setup link is.
  const setupLinks = createSetupLinks(db);
  app.get("/login", async (c) => c.html(<LoginPage t={c.get("t")} lang={c.get("lang")} firstRun={!(await setupLinks.adminExists())} />));
  app.route("/setup", setupRoutes(deps));
  app.post("/login", async (c) => {
    const form = await readForm(c, { email: { max: 320 }, password: { max: 4096 } });
    if (!form.ok) return form.response;
    const { email, password } = form.fields;
    const address = clientAddress(c, deps.trustProxy);
    const result = await accounts
      .signIn(email, password, { address: addressBucket(address), previousToken: getCookie(c, cookie.name) })
      .catch((error: unknown) => (error instanceof PasswordBusyError ? ("busy" as const) : Promise.reject(error)));
    if (result === "busy") return loginFailed(c, 503);
    if (!result.ok) {
      await audit(db, "anonymous", `signin.${result.reason}`, normaliseEmail(email).slice(0, 120), { address });
      return loginFailed(c);
    }
    setSession(c, result.token);
    await audit(db, result.account.id, "signin.password", undefined, { address });
    return c.redirect("/console/totp");
  });

  // ---- the second factor (every role), and recovery codes ------------------------------------
  const totpArea = new Hono<ConsoleEnv>();
  totpArea.use(requireSession(deps, { allowPendingTotp: true }));
  const setupPage = async (c: C, error?: string) => {
    const setup = accounts.newTotpSecret(c.get("account").email);
    const sealed = await deps.sealer.seal(setup.secret, `totp-setup:${c.get("sessionId")}`);
    return c.html(
      <TotpPage t={c.get("t")} lang={c.get("lang")} csrf={c.get("csrf")} setup={{ ...setup, sealed }} error={error} />,
      error ? 400 : 200,
    );
  };
  totpArea.get("/", async (c) => {
    const account = c.get("account");
    if (account.totpSealed) return c.html(<TotpPage t={c.get("t")} lang={c.get("lang")} csrf={c.get("csrf")} />);
    return setupPage(c);
  });
  totpArea.post("/", async (c) => {
    const form = await readForm(c, { code: { max: 64 } });
    if (!form.ok) return form.response;
    const account = c.get("account");
    const result = await accounts.secondFactor(account, c.get("sessionId"), form.fields.code);
    if (!result.ok) {
      await audit(db, account.id, `signin.totp_${result.reason}`);
      // After too many wrong codes the session is gone: back to the password.
      if (result.reason === "ended") {
        deleteCookie(c, cookie.name, cookie.options);
        return c.redirect("/console/login");
      }
      return c.html(
        <TotpPage
          t={c.get("t")}
          lang={c.get("lang")}
          csrf={c.get("csrf")}
          error={c.get("t")(result.reason === "throttled" ? "console:totp_throttled" : "console:totp_invalid")}
        />,
        401,
      );
    }
    setSession(c, result.token);
    await audit(
      db,
      account.id,
      result.via === "recovery" ? "signin.recovery_code" : "signin.totp",
      undefined,
      result.via === "recovery" ? { left: account.recoveryCodes.length - 1 } : {},
    );
    return c.redirect(account.mustChangePassword ? "/console/password" : "/console");
  });
  totpArea.post("/setup", async (c) => {
    const form = await readForm(c, { code: { max: 64 }, pending: { max: 2048 } });
    if (!form.ok) return form.response;
    const account = c.get("account");
    if (account.totpSealed) return c.redirect("/console/totp");
    const secret = await deps.sealer.open(form.fields.pending, `totp-setup:${c.get("sessionId")}`).catch(() => "");
    const enabled = secret ? await accounts.enableTotp(account, c.get("sessionId"), secret, form.fields.code) : undefined;
    if (!enabled) return setupPage(c, c.get("t")("console:totp_invalid"));
    setSession(c, enabled.token);
    await audit(db, account.id, "account.totp_enabled");
    // Shown once, on this answer only; the database keeps their hashes.
    return c.html(
      <RecoveryCodesPage
        t={c.get("t")}
        lang={c.get("lang")}
        codes={enabled.recoveryCodes}
        next={account.mustChangePassword ? "/console/password" : "/console"}
      />,
    );
  });
  // A way back from the second factor: this half-signed-in session ends, the sign-in page shows.
  totpArea.post("/cancel", async (c) => {
    const token = getCookie(c, cookie.name);
    if (token) await accounts.signOut(token);
    deleteCookie(c, cookie.name, cookie.options);
    await audit(db, c.get("account").id, "signin.cancelled");
    return c.redirect("/console/login");
  });
  app.route("/totp", totpArea);

  // ---- one's own password (also where a reset by an admin leads) ------------------------------
  const passwordArea = new Hono<ConsoleEnv>();
  passwordArea.use(requireSession(deps, { allowPasswordChange: true }));
  const passwordPage = (c: C, flash?: { kind: "ok" | "error"; text: string }, status: 200 | 400 | 401 = 200) =>
    c.html(
      <Layout
        t={c.get("t")}
        lang={c.get("lang")}
        title={c.get("t")("console:password_change")}
        role={c.get("account").role}
        email={c.get("account").email}
        csrf={c.get("csrf")}
      >
        <PasswordPage t={c.get("t")} csrf={c.get("csrf")} forced={c.get("account").mustChangePassword} flash={flash} />
      </Layout>,
      status,
    );
  passwordArea.get("/", (c) =>
    passwordPage(c, c.req.query("flash") === "changed" ? { kind: "ok", text: c.get("t")("console:password_changed") } : undefined),
  );
  passwordArea.post("/", async (c) => {
    const form = await readForm(c, { current: { max: 4096 }, password: { max: 4096 }, confirm: { max: 4096 } });
    if (!form.ok) return form.response;
    const { current, password, confirm } = form.fields;
    const t = c.get("t");
    if (password !== confirm) return passwordPage(c, { kind: "error", text: t("console:password_mismatch") }, 400);
    const account = c.get("account");
    const result = await accounts
      .changePassword(account, c.get("sessionId"), current, password)
      .catch((error: unknown) => (error instanceof PasswordBusyError ? ("busy" as const) : Promise.reject(error)));
    if (result === "busy") return passwordPage(c, { kind: "error", text: t("console:login_busy") }, 400);
    if (!result.ok) {
      await audit(db, account.id, "account.password_change_refused", undefined, { reason: result.reason });
      const key =
        result.reason === "wrong_current" || result.reason === "throttled" ? "password_current_wrong" : `password_${result.reason}`;
      return passwordPage(
        c,
        { kind: "error", text: t(`console:${key}`) },
        result.reason === "wrong_current" || result.reason === "throttled" ? 401 : 400,
      );
    }
    setSession(c, result.token);
    await audit(db, account.id, "account.password_changed");
    return c.redirect("/console/password?flash=changed");
  });
  app.route("/password", passwordArea);

  // ---- everything below needs a full sign-in ------------------------------------------------
  const signedIn = new Hono<ConsoleEnv>();
  signedIn.use(requireSession(deps));
  // An open case page's polling: the child's new messages, and changes made by others.
  signedIn.route("/live", liveRoutes(deps));

  signedIn.post("/logout", async (c) => {
    const token = getCookie(c, cookie.name);
    if (token) await accounts.signOut(token);
    deleteCookie(c, cookie.name, cookie.options);
    await audit(db, c.get("account").id, "signout");
    return c.redirect("/console/login");
  });

  const viewer = (c: C) => ({ id: c.get("account").id, role: c.get("account").role as Role, regions: c.get("account").regions });
  const filtersOf = (c: C): QueueFilters => {
    const q = c.req.query();
    const pick = <T extends readonly string[]>(value: string | undefined, allowed: T) =>
      value && allowed.includes(value) ? value : undefined;
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

  /** What the queue page and its live refresh both show: one query, so they never disagree. */
  const queueData = async (c: C) => {
    const v = viewer(c);
    const filters = filtersOf(c);
    const after = parseQueueCursor(c.req.query("after"));
    const [{ rows, next }, counts] = await Promise.all([casework.queue(v, filters, { after }), casework.counts(v)]);
    return { t: c.get("t"), filters, counts, rows, after, next, me: v.id, emails: await emails(), now: new Date() };
  };

  signedIn.get("/", async (c) => {
    const [data, version] = await Promise.all([queueData(c), casework.version(viewer(c))]);
    await audit(db, data.me, "queue.view");
    return page(c, c.get("t")("console:nav_queue"), <QueuePage {...data} version={version} />);
  });
  signedIn.get("/queue/version", async (c) => c.text(await casework.version(viewer(c))));
  // The live view: rows, count chips and pager together, so they never disagree.
  signedIn.get("/queue/rows", async (c) =>
    c.html(
      <ClockContext.Provider value={c.get("clock")}>
        <QueueLive {...await queueData(c)} />
      </ClockContext.Provider>,
    ),
  );

  // ---- a case -------------------------------------------------------------------------------
  const caseOf = async (c: C) => {
    const number = caseNumber(c.req.param("number"));
    const report = number !== undefined ? await reports.byNumber(number) : null;
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
    const flashText = flash
      ? {
          kind: ["note_required", "merge_failed", "claim_lost", "refer_confirm_required"].includes(flash)
            ? ("error" as const)
            : ("ok" as const),
          text: t([`console:${flash}`, `manage:${flash}`]),
        }
      : undefined;
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
        cleansImages={deps.evidence?.cleansImages ?? false}
        flash={flashText}
      />,
    );
  });

  const caseAction = (
    path: string,
    run: (
      c: C,
      report: NonNullable<Awaited<ReturnType<typeof reports.byNumber>>>,
      form: Record<string, string | File | (string | File)[]>,
    ) => Promise<string | undefined>,
  ) =>
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
  caseAction("note", async (c, r, form) => {
    const text = String(form.text ?? "").trim();
    if (text) await casework.addNote(r, c.get("account").id, text.slice(0, 4000));
    return undefined;
  });
  // Status and referral: with the close guard, the child's closing message, a referral's note.
  caseworkRoutes(signedIn, deps, { caseOf, back, afterChange });
  caseAction("reply", async (c, r, form) => {
    const text = String(form.text ?? "")
      .trim()
      .slice(0, 3500);
    if (!text) return undefined;
    const outcome = await replyToChild({ reports, outbox: deps.outbox, i18n: deps.i18n }, r, c.get("account").id, text);
    deps.dispatch();
    return `reply_${outcome}`;
  });
  caseAction("merge", async (c, r, form) => {
    const into = caseNumber(form.into);
    return into !== undefined && (await casework.merge(r, viewer(c), into)) ? undefined : "merge_failed";
  });
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
    const flashText = flash && /^signal_[a-z_]+$/.test(flash) ? { kind: "ok" as const, text: c.get("t")(`console:${flash}`) } : undefined;
    return page(
      c,
      c.get("t")("console:signals_title"),
      <SignalsPage t={c.get("t")} csrf={c.get("csrf")} signals={list} showClosed={showClosed} now={new Date()} flash={flashText} />,
    );
  });
  const signalAction = (
    path: string,
    run: (c: C, signal: SignalRecord, form: Record<string, string | File>) => Promise<string | undefined>,
  ) =>
    signedIn.post(`/signals/:id/${path}`, async (c) => {
      const signal = await signals.find(c.req.param("id"));
      if (!signal) return page(c, "404", <p>{c.get("t")("console:not_found")}</p>, 404);
      const flash = await run(c, signal, await c.req.parseBody());
      await audit(db, c.get("account").id, `signal.${path}`, signal.reference, flash ? { result: flash } : {});
      return c.redirect(`/console/signals${flash ? `?flash=${flash}` : ""}`);
    });
  signalAction("reply", async (c, signal, form) => {
    const text = String(form.text ?? "")
      .trim()
      .slice(0, 3500);
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
    return page(
      c,
      c.get("t")("console:stats_title"),
      <StatsPage t={c.get("t")} stats={await statistics(db, { timeZone: c.get("clock").timeZone })} />,
    );
  });
  signedIn.get("/stats.csv", requireRole("SUPERVISOR", "ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "stats.export");
    return c.body(statisticsCsv(await statistics(db, { timeZone: c.get("clock").timeZone })), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="statistics.csv"',
    });
  });
  // Month, region, category and age band: one row per combination, counts and times only.
  signedIn.get("/stats-detail.csv", requireRole("SUPERVISOR", "ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "stats.export", "detail");
    const rows = await statisticsBreakdown(db, { timeZone: c.get("clock").timeZone });
    return c.body(breakdownCsv(rows, breakdownNames(c.get("t"))), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="statistics-by-month.csv"',
    });
  });

  // ---- admin --------------------------------------------------------------------------------
  const auditQuery = (c: C) => ({ action: c.req.query("action") || undefined, target: c.req.query("target") || undefined });
  signedIn.get("/audit", requireRole("ADMIN"), async (c) => {
    const query = auditQuery(c);
    await audit(db, c.get("account").id, "audit.view");
    const entries = await searchAudit(db, query);
    return page(
      c,
      c.get("t")("console:audit_title"),
      <AuditPage
        t={c.get("t")}
        entries={entries}
        query={Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>}
        emails={await emails()}
      />,
    );
  });
  signedIn.get("/audit.csv", requireRole("ADMIN"), async (c) => {
    await audit(db, c.get("account").id, "audit.export");
    const entries = await searchAudit(db, { ...auditQuery(c), limit: 10_000 });
    const csv =
      [
        "at,actor,action,target",
        ...entries.map((e) => [e.at.toISOString(), e.actor, e.action, e.target ?? ""].map(csvCell).join(",")),
      ].join("\n") + "\n";
    return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="audit.csv"' });
  });
  signedIn.route("/staff", staffRoutes(deps));
  signedIn.get("/directory", requireRole("ADMIN"), (c) =>
    page(c, c.get("t")("console:directory_title"), <DirectoryPage t={c.get("t")} directory={directory} />),
  );

  // ---- the files a child attached (fetched from Telegram, cleaned, each opening logged) ---------
  if (deps.evidence) evidenceRoutes(signedIn, { db, reports, evidence: deps.evidence });

  app.route("/", signedIn);
  return app;
}
