// The page frame: header, navigation by role, language switch. Server-rendered, no framework.
import type { Child } from "hono/jsx";
import type { Translate } from "../../i18n/i18n.js";
import type { Role } from "../../domain/staff/accounts.js";
import { ZoneNote } from "../clock.js";

export interface PageProps {
  t: Translate;
  title: string;
  lang: string;
  role?: Role | undefined;
  email?: string | undefined;
  csrf?: string | undefined;
  children?: Child;
}

export function Layout({ t, title, lang, role, email, csrf, children }: PageProps) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("console:title")}`}</title>
        <link rel="stylesheet" href="/console/static/console.css" />
        <script src="/console/static/console.js" defer></script>
      </head>
      <body>
        <header>
          <strong>{t("console:title")}</strong>
          {role && (
            <nav>
              <a href="/console">{t("console:nav_queue")}</a>
              <a href="/console/signals">{t("console:nav_signals")}</a>
              {role !== "OPERATOR" && <a href="/console/stats">{t("console:nav_stats")}</a>}
              {role !== "OPERATOR" && <a href="/console/outbox">{t("console:nav_outbox")}</a>}
              {role === "ADMIN" && <a href="/console/audit">{t("console:nav_audit")}</a>}
              {role === "ADMIN" && <a href="/console/staff">{t("console:nav_staff")}</a>}
              {role === "ADMIN" && <a href="/console/directory">{t("console:nav_directory")}</a>}
              <a href="/console/password">{t("console:nav_password")}</a>
            </nav>
          )}
          <span class="spacer" />
          <ZoneNote t={t} />
          <span class="langs">
            {["kk", "ru", "en"].map((l) => (
              <a href={`/console/lang/${l}`} aria-current={l === lang ? "true" : undefined}>
                {l}
              </a>
            ))}
          </span>
          {email && csrf && (
            <form method="post" action="/console/logout" class="inline">
              <input type="hidden" name="_csrf" value={csrf} />
              <span class="who">{email}</span> <button type="submit">{t("console:sign_out")}</button>
            </form>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
