// One console page in the frame (header, navigation by role, language): for route files that
// live outside routes.tsx.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ConsoleEnv } from "./context.js";
import { Layout } from "./views/layout.js";
import { ClockContext } from "./clock.js";

export type PageStatus = 200 | 400 | 403 | 404 | 409 | 410;

export function renderPage(c: Context<ConsoleEnv>, title: string, body: Child, status: PageStatus = 200) {
  const account = c.get("account");
  return c.html(
    <ClockContext.Provider value={c.get("clock")}>
      <Layout t={c.get("t")} lang={c.get("lang")} title={title} role={account?.role} email={account?.email} csrf={c.get("csrf")}>
        {body}
      </Layout>
    </ClockContext.Provider>,
    status,
  );
}

export type Flash = { kind: "ok" | "error"; text: string };
