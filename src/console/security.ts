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

export const LANG_COOKIE = "bala_console_lang";

/**
 * The session cookie. Over https it is `__Host-` (Secure, whole site, no Domain: no other host
 * or plain-http page can set or read it); on plain http (a developer's machine) a Secure cookie
 * would be dropped, so it keeps a plain name under /console. Never persistent: closing the
 * browser ends it (the database session has its own idle and absolute timeouts).
 */
export function sessionCookie(secure: boolean) {
  return secure
    ? { name: "__Host-bala_console", options: { path: "/", httpOnly: true, secure: true, sameSite: "Strict" as const } }
    : { name: "bala_console", options: { path: "/console", httpOnly: true, sameSite: "Strict" as const } };
}

/**
 * The origin a console page is served from. Behind TRUST_PROXY proxies the request URL is the
 * proxy's (often http://internal:3000), so the origin comes from the forwarded headers; with
 * PUBLIC_URL set, that origin is accepted too.
 */
function allowedOrigins(c: Context<ConsoleEnv>, deps: Pick<ConsoleDeps, "trustProxy" | "publicOrigin">): string[] {
  const own = new URL(c.req.url).origin;
  const origins = [own];
  if ((deps.trustProxy ?? 0) >= 1) {
    const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
    const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim() ?? c.req.header("host");
    if (proto && host) origins.push(`${proto}://${host}`);
  }
  if (deps.publicOrigin) origins.push(deps.publicOrigin);
  return origins;
}

const CONSOLE_BODY_MAX_BYTES = 64 * 1024;

export function baseSecurity(deps: Pick<ConsoleDeps, "trustProxy" | "publicOrigin">): MiddlewareHandler<ConsoleEnv>[] {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: "no-referrer",
    }),
    async (c, next) => {
      await next();
      // Case content must never sit in a browser or proxy cache.
      c.header("Cache-Control", "no-store");
    },
    // Browsers send Origin on every POST; a form posted from another site is refused.
    csrf({ origin: (origin, c) => allowedOrigins(c as Context<ConsoleEnv>, deps).includes(origin) }),
    // The console's largest form is a reply or a note: nothing needs more than this.
    bodyLimit({ maxSize: CONSOLE_BODY_MAX_BYTES, onError: (c) => c.text("Request too large", 413) }),
    // Every console form is text: a body that does not parse, a file, or a NUL byte (which
    // PostgreSQL cannot store in text) is a 400 here, before any route or database sees it.
    async (c, next) => {
      const type = c.req.header("content-type") ?? "";
      if (c.req.method === "POST" && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
        const form = await c.req.parseBody({ all: true }).catch(() => undefined);
        if (!form) return c.text("Bad request", 400);
        for (const value of Object.values(form).flat())
          if (typeof value !== "string" || value.includes("\u0000")) return c.text("Bad request", 400);
      }
      await next();
    },
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

/**
 * Requires a signed-in session (second factor done, password not due for a change), else sends
 * the person to the step still missing. `allow` lets the TOTP and password pages through.
 */
export function requireSession(
  deps: ConsoleDeps,
  options: { allowPendingTotp?: boolean; allowPasswordChange?: boolean } = {},
): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    // The queue's and an open case's polling must not keep an unattended session alive.
    const polling = c.req.path.endsWith("/queue/version") || c.req.path.endsWith("/queue/rows") || c.req.path.includes("/console/live/");
    const session = await deps.accounts.session(getCookie(c, sessionCookie(deps.secureCookies).name), { touch: !polling });
    if (!session) return c.req.method === "GET" && !polling ? c.redirect("/console/login") : c.text("signed out", 401);
    // Every role has a second factor: set up at first sign-in, asked at every sign-in.
    const needsTotp = session.pendingTotp || !session.account.totpSealed;
    if (needsTotp && !options.allowPendingTotp) return c.redirect("/console/totp");
    if (!needsTotp && session.account.mustChangePassword && !options.allowPasswordChange && !options.allowPendingTotp)
      return c.redirect("/console/password");
    c.set("account", session.account);
    c.set("sessionId", session.id);
    c.set("csrf", session.csrfToken);
    if (c.req.method === "POST") {
      const form = await c.req.parseBody().catch(() => undefined);
      if (!form) return c.text("Bad request", 400);
      if (form._csrf !== session.csrfToken) return c.html(`<p>${c.get("t")("console:csrf")}</p>`, 403);
    }
    await next();
  };
}

/**
 * The client's address, for counting sign-in attempts per address.
 * - TRUST_PROXY=n (n >= 1): the address the n-th proxy from us wrote into X-Forwarded-For, i.e.
 *   the n-th entry from the RIGHT. Proxies append, so entries left of it were written by the
 *   client and can be anything; the right-hand ones are the ones our own proxies added.
 * - otherwise the peer of the TCP connection: @hono/node-server passes the Node request as
 *   `c.env.incoming`; on Cloudflare Workers (the request has `cf`) the edge sets
 *   CF-Connecting-IP itself, and a client cannot forge it.
 * - else "unknown" (not counted per address: one shared key would let anyone block everyone).
 * No Node module is imported, so this runs the same on Node and Workers.
 */
export function clientAddress(c: Context<ConsoleEnv>, trustProxy = 0): string {
  const clean = (value: string | undefined) => {
    const v =
      value
        ?.trim()
        .replace(/^\[|\]$/g, "")
        .replace(/^::ffff:(?=\d+\.)/, "") ?? "";
    return /^[0-9a-fA-F:.]{2,45}$/.test(v) ? v.toLowerCase() : undefined;
  };
  if (trustProxy >= 1) {
    const hops = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    const hop = clean(hops[hops.length - trustProxy]);
    if (hop) return hop;
  }
  const socket = clean((c.env as ConsoleEnv["Bindings"] | undefined)?.incoming?.socket?.remoteAddress);
  if (socket) return socket;
  if ((c.req.raw as Request & { cf?: unknown }).cf) {
    const edge = clean(c.req.header("cf-connecting-ip"));
    if (edge) return edge;
  }
  return "unknown";
}

/** The key sign-in attempts are counted under: an IPv4 address, or an IPv6 /64 (one subscriber). */
export function addressBucket(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const full = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return `${full
    .slice(0, 4)
    .map((x) => x.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export type FormSpec = Record<string, { max: number; optional?: boolean; multiline?: boolean }>;

/**
 * A form's fields as strings, or a 400 answer: a field that is a file or repeated, longer than
 * allowed, with a NUL or other control character, or a body that does not parse. Never a 500.
 */
export async function readForm<S extends FormSpec>(
  c: Context<ConsoleEnv>,
  spec: S,
): Promise<{ ok: true; fields: { [K in keyof S]: string } } | { ok: false; response: Response }> {
  const bad = () => ({ ok: false as const, response: c.text("Bad request", 400) });
  const form = await c.req.parseBody({ all: true }).catch(() => undefined);
  if (!form) return bad();
  const fields: Record<string, string> = {};
  for (const [name, rule] of Object.entries(spec)) {
    const value = form[name];
    if (value === undefined && rule.optional) {
      fields[name] = "";
      continue;
    }
    if (typeof value !== "string" || value.length > rule.max) return bad();
    // eslint-disable-next-line no-control-regex
    if ((rule.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(value)) return bad();
    fields[name] = value;
  }
  return { ok: true, fields: fields as { [K in keyof S]: string } };
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
