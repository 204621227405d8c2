// Console security middleware: no caching, strict headers, language, the signed-in session
// (idle and absolute timeouts), CSRF (Origin check and a per-session token), roles.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { isLanguage } from "../i18n/i18n.js";
import type { Role } from "../domain/staff/accounts.js";

export const SESSION_COOKIE = "bala_console";
export const LANG_COOKIE = "bala_console_lang";

const CONSOLE_BODY_MAX_BYTES = 64 * 1024;

export function baseSecurity(): MiddlewareHandler<ConsoleEnv>[] {
  return [
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"], frameAncestors: ["'none'"], formAction: ["'self'"] },
      referrerPolicy: "no-referrer",
    }),
    async (c, next) => {
      await next();
      // Case content must never sit in a browser or proxy cache.
      c.header("Cache-Control", "no-store");
    },
    // Browsers send Origin on every POST; a form posted from another site is refused.
    csrf(),
    // The console's largest form is a reply or a note: nothing needs more than this.
    bodyLimit({ maxSize: CONSOLE_BODY_MAX_BYTES, onError: (c) => c.text("Request too large", 413) }),
  ];
}

export function language(deps: ConsoleDeps): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const chosen = getCookie(c, LANG_COOKIE);
    const lang = isLanguage(chosen) ? chosen : "ru";
    c.set("lang", lang);
    c.set("t", deps.i18n.t(lang));
    await next();
  };
}

/** Requires a signed-in session (second factor done), else redirects to sign-in. */
export function requireSession(deps: ConsoleDeps, options: { allowPendingTotp?: boolean } = {}): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    // The queue page's polling must not keep an unattended session alive.
    const polling = c.req.path.endsWith("/queue/version") || c.req.path.endsWith("/queue/rows");
    const session = await deps.accounts.session(getCookie(c, SESSION_COOKIE), { touch: !polling });
    if (!session) return c.req.method === "GET" && !c.req.path.includes("/queue/") ? c.redirect("/console/login") : c.text("signed out", 401);
    const needsTotpSetup = session.account.role === "ADMIN" && !session.account.totpSealed;
    if ((session.pendingTotp || needsTotpSetup) && !options.allowPendingTotp) return c.redirect("/console/totp");
    c.set("account", session.account);
    c.set("sessionId", session.id);
    c.set("csrf", session.csrfToken);
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      if (form._csrf !== session.csrfToken) return c.html(`<p>${c.get("t")("console:csrf")}</p>`, 403);
    }
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get("account").role)) return forbidden(c);
    await next();
  };
}

export function forbidden(c: Context<ConsoleEnv>) {
  return c.html(`<!doctype html><p>${c.get("t")("console:forbidden")}</p><p><a href="/console">←</a></p>`, 403);
}
