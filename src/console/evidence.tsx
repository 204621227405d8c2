// The files a child attached to a report, for staff who may see the case: a page per file (what
// it is, what was removed from it, or why it cannot be opened) and the file itself. The server
// fetches it from Telegram; the browser never learns the bot token or Telegram's file path.
// Every time a file's bytes are given out is an audit entry (who, which case, which file, how).
import type { Context, Hono } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { forbidden } from "./security.js";
import { renderPage } from "./page.js";
import { EvidencePage } from "./views/evidence.js";
import { canSee } from "../domain/reports/casework.js";
import { audit } from "../domain/staff/audit.js";
import type { Evidence } from "../domain/evidence/evidence.js";
import type { Role } from "../domain/staff/accounts.js";

type C = Context<ConsoleEnv>;
type Deps = Pick<ConsoleDeps, "db" | "reports"> & { evidence: Evidence };

const REFUSED_STATUS = { too_big: 413, gone: 410, unavailable: 503, not_cleaned: 415 } as const;

/** Adds the evidence routes under /console/reports/:number/files/:index to the signed-in area. */
export function evidenceRoutes(signedIn: Hono<ConsoleEnv>, deps: Deps): void {
  const { db, reports, evidence } = deps;

  /** The case (if this person may see it) and the attachment, or the answer to give instead. */
  const find = async (c: C) => {
    const t = c.get("t");
    const number = /^\d{1,10}$/.test(c.req.param("number") ?? "") ? Number(c.req.param("number")) : NaN;
    const index = /^[1-9]$/.test(c.req.param("index") ?? "") ? Number(c.req.param("index")) : NaN;
    const report = Number.isSafeInteger(number) && number <= 2_147_483_647 ? await reports.byNumber(number) : null;
    if (!report || !Number.isInteger(index)) return { error: renderPage(c, "404", <p>{t("console:not_found")}</p>, 404) } as const;
    const account = c.get("account");
    if (!canSee({ id: account.id, role: account.role as Role, regions: account.regions }, report)) {
      await audit(db, account.id, "case.denied", report.number, { file: index });
      return { error: forbidden(c) } as const;
    }
    if (report.contentDeletedAt)
      return { error: renderPage(c, `#${report.number}`, <p class="muted">{t("console:content_deleted")}</p>, 410) } as const;
    const attachments = (await reports.content(report)).attachments;
    const attachment = attachments[index - 1];
    if (!attachment) return { error: renderPage(c, "404", <p>{t("console:not_found")}</p>, 404) } as const;
    return { report, index, attachment, total: attachments.length } as const;
  };

  // The page: fetched here only to say what the file is; its bytes are given by the route below.
  signedIn.get("/reports/:number/files/:index", async (c) => {
    const found = await find(c);
    if (found.error) return found.error;
    const file = await evidence.open(found.attachment);
    const t = c.get("t");
    return renderPage(
      c,
      `#${found.report.number} · ${t("console:evidence_file", { index: found.index, total: found.total })}`,
      <EvidencePage t={t} number={found.report.number} index={found.index} total={found.total} attachment={found.attachment} file={file} />,
    );
  });

  // The file itself: a cleaned image shown inline, or a download; `?thumb=1` a small copy of an image.
  signedIn.get("/reports/:number/files/:index/raw", async (c) => {
    const found = await find(c);
    if (found.error) return found.error;
    const thumbnail = c.req.query("thumb") === "1";
    const file = await evidence.open(found.attachment, { thumbnail });
    const who = c.get("account").id;
    const logged = (served: string, extra: Record<string, boolean> = {}) =>
      audit(db, who, "case.file_view", found.report.number, { file: found.index, kind: found.attachment.kind, served, ...extra });
    c.header("X-Content-Type-Options", "nosniff");
    if (!file.ok) {
      await logged(`refused_${file.reason}`);
      return c.text(c.get("t")(`console:evidence_${file.reason}`), REFUSED_STATUS[file.reason]);
    }
    // A thumbnail is only ever a cleaned image that may be shown; anything else has none.
    if (thumbnail && !file.inline) return c.body(null, 404);
    await logged(thumbnail ? "thumbnail" : file.inline ? "inline" : "download", {
      mismatch: file.mismatch,
      location_removed: file.locationRemoved,
    });
    const name = `case-${found.report.number}-file-${found.index}.${file.extension}`;
    c.header("Content-Type", file.contentType);
    c.header("Content-Disposition", `${file.inline ? "inline" : "attachment"}; filename="${name}"`);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200);
  });
}
