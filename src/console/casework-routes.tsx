// Case routes that change where a case stands. Closing: a note, a confirmation asked by the
// server when the child wrote last and nobody answered, and the child told kindly (through the
// outbox, like a reply). Referring: a status change with a required note and a confirmation.
import type { Context, Hono } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { readForm } from "./security.js";
import { renderPage } from "./page.js";
import { CloseConfirm } from "./views/case-actions.js";
import { AGENCIES, STATUSES, type Status } from "../domain/reports/casework.js";
import { OPEN_STATUSES, type ReportRecord } from "../domain/reports/reports.js";
import { audit } from "../domain/staff/audit.js";
import { closingMessage } from "../bot/staff/closing.js";

type C = Context<ConsoleEnv>;

export interface CaseHelpers {
  /** The case in the URL if the viewer may see it, or the answer to send (404, 403). */
  caseOf: (c: C) => Promise<{ report: ReportRecord; error?: undefined } | { error: Response | Promise<Response>; report?: undefined }>;
  /** Back to the case page, with a flash key. */
  back: (c: C, number: number, flash?: string) => Response;
  /** Keeps the staff group's post in step after a change. */
  afterChange: (number: number) => Promise<void>;
}

export function caseworkRoutes(signedIn: Hono<ConsoleEnv>, deps: ConsoleDeps, h: CaseHelpers): void {
  const { db, casework } = deps;

  signedIn.post("/reports/:number/status", async (c) => {
    const found = await h.caseOf(c);
    if (found.error) return found.error;
    const r = found.report;
    const form = await readForm(c, {
      status: { max: 20 },
      note: { max: 4000, optional: true, multiline: true },
      confirm_unanswered: { max: 1, optional: true },
    });
    if (!form.ok) return form.response;
    const { status, note } = form.fields;
    if (!(STATUSES as readonly string[]).includes(status)) return c.text("Bad request", 400);
    const me = c.get("account").id;
    const closing = status === "CLOSED" && (OPEN_STATUSES as readonly string[]).includes(r.status);
    // The server asks, not only the browser: a case does not close over an unanswered child by accident.
    if (closing && note.trim().length >= 3 && form.fields.confirm_unanswered !== "1" && (await casework.childAwaitsAnswer(r.id))) {
      await audit(db, me, "case.close_confirm_asked", r.number);
      return renderPage(c, `#${r.number}`, <CloseConfirm t={c.get("t")} csrf={c.get("csrf")} report={r} note={note} />, 409);
    }
    const tell = closing ? await closingMessage(deps, r) : undefined;
    const result = await casework.setStatus(r, me, status as Status, note, tell);
    const flash = !result.ok ? result.problem : tell ? "closed_told" : undefined;
    await audit(db, me, "case.status", r.number, {
      to: status,
      ...(flash ? { result: flash } : {}),
      ...(form.fields.confirm_unanswered === "1" ? { unanswered: true } : {}),
    });
    if (result.ok) {
      if (tell) deps.dispatch();
      await h.afterChange(r.number);
    }
    return h.back(c, r.number, flash);
  });

  signedIn.post("/reports/:number/refer", async (c) => {
    const found = await h.caseOf(c);
    if (found.error) return found.error;
    const r = found.report;
    const form = await readForm(c, {
      agency: { max: 40 },
      note: { max: 4000, optional: true, multiline: true },
      confirm: { max: 1, optional: true },
    });
    if (!form.ok) return form.response;
    const { agency, note, confirm } = form.fields;
    if (!(AGENCIES as readonly string[]).includes(agency)) return c.text("Bad request", 400);
    const me = c.get("account").id;
    const result = confirm !== "1" ? { ok: false, problem: "refer_confirm_required" } : await casework.refer(r, me, agency, note);
    const flash = result.ok ? "referred" : result.problem;
    await audit(db, me, "case.refer", r.number, { agency, result: flash ?? "" });
    if (result.ok) await h.afterChange(r.number);
    return h.back(c, r.number, flash);
  });
}
