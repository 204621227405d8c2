// What an open case page polls (under /console/live/, which requireSession does not count as the
// person's activity, so an unattended screen still times out). Every answer comes from the
// database, never from this process's memory: with several server instances, a message the child
// sent through any of them shows on every open page.
import { Hono, type Context } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { canSee } from "../domain/reports/casework.js";
import { audit } from "../domain/staff/audit.js";
import { forbidden } from "./security.js";
import { ClockContext } from "./clock.js";
import { reportVersion, threadVersion, ThreadMessages } from "./views/case-thread.js";
import type { Role } from "../domain/staff/accounts.js";

/** A case number from the URL: a positive whole number that fits the column, or undefined. */
const caseNumber = (value: string) =>
  /^\d{1,10}$/.test(value) && Number(value) >= 1 && Number(value) <= 2_147_483_647 ? Number(value) : undefined;

export function liveRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const visibleCase = async (c: Context<ConsoleEnv>) => {
    const number = caseNumber(c.req.param("number") ?? "");
    const report = number === undefined ? null : await deps.reports.byNumber(number);
    const account = c.get("account");
    if (!report || !canSee({ id: account.id, role: account.role as Role, regions: account.regions }, report)) return undefined;
    return report;
  };

  // Cheap: ids and read marks, no decryption. The page compares and fetches the thread on change.
  app.get("/case/:number/version", async (c) => {
    const report = await visibleCase(c);
    if (!report) return c.json({ ok: false }, 404);
    const messages = await deps.db.reportMessage.findMany({
      where: { reportId: report.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, readAt: true },
    });
    return c.json({ thread: threadVersion(messages), report: reportVersion(report) });
  });

  // The conversation again, fetched only when it changed: a view of the child's words, so it is
  // logged like the page itself.
  app.get("/case/:number/thread", async (c) => {
    const report = await visibleCase(c);
    if (!report) return forbidden(c);
    const thread = await deps.reports.thread(report.id);
    await audit(deps.db, c.get("account").id, "case.view", report.number, { part: "thread" });
    return c.html(
      <ClockContext.Provider value={c.get("clock")}>
        <template data-part="case-thread" data-version={threadVersion(thread)}>
          <ThreadMessages t={c.get("t")} thread={thread} />
        </template>
      </ClockContext.Provider>,
    );
  });
  return app;
}
