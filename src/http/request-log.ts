// One log line per request: method, route, status, time. Never bodies or query strings.
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.js";

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const path = c.req.routePath === "/*" ? "(unmatched)" : c.req.routePath;
    logger.info({ method: c.req.method, route: path, status: c.res.status, ms: Math.round(performance.now() - started) }, "http");
  };
}
