// npm run dev:worker: serves the Worker (src/entry/worker.ts) locally in workerd through
// `wrangler dev`, configured from the environment (and .env) like the Node server: PORT, BOT_TOKEN,
// TELEGRAM_API_ROOT, WEBHOOK_SECRET, DATABASE_URL, APP_SECRET, STAFF_CHAT_ID and the other
// variables of the README's table. DATABASE_URL becomes the local address of the HYPERDRIVE
// binding, so the Worker's own database path is the one exercised. Offline: no Cloudflare account,
// no metrics, no download of request metadata. The secrets reach wrangler through a private file
// that is deleted on exit, never on a command line that `ps` would show.
/* global fetch, URL */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

if (existsSync(".env")) process.loadEnvFile(".env"); // the real environment wins over the file

/** Passed to the Worker as secrets when set (DATABASE_URL and PORT are handled apart). */
const PASSED = [
  "NODE_ENV",
  "BOT_TOKEN",
  "BOT_INFO",
  "TELEGRAM_API_ROOT",
  "WEBHOOK_SECRET",
  "PUBLIC_URL",
  "APP_SECRET",
  "STAFF_CHAT_ID",
  "STAFF_CHATS",
  "STAFF_GROUP_DETAIL",
  "STAFF_USER_IDS",
  "STAFF_LANGUAGE",
  "STAFF_POSTS_PER_MINUTE",
  "SLA_HOURS",
  "FLOOD_LIMIT",
  "RETENTION_DAYS",
  "TELEGRAM_TIMEOUT_SECONDS",
  "TRUST_PROXY",
  "UPDATE_HOLD_SECONDS",
  "LOG_LEVEL",
];

const env = process.env;
const missing = ["BOT_TOKEN", "WEBHOOK_SECRET", "DATABASE_URL", "APP_SECRET"].filter((name) => !env[name]?.trim());
if (missing.length) {
  console.error(
    `dev:worker needs ${missing.join(", ")} in the environment (or .env).\n` +
      "The Worker serves Telegram's webhook only, against PostgreSQL: apply migrations first with npm run db:migrate.",
  );
  process.exit(2);
}

const vars = Object.fromEntries(PASSED.filter((name) => env[name]?.trim()).map((name) => [name, env[name].trim()]));
if (!vars.BOT_INFO) {
  // The Worker never asks Telegram who it is; ask once here, as the README tells a deployment to.
  const apiRoot = (vars.TELEGRAM_API_ROOT ?? "https://api.telegram.org").replace(/\/+$/, "");
  const answer = await fetch(`${apiRoot}/bot${vars.BOT_TOKEN}/getMe`)
    .then((r) => r.json())
    .catch((e) => ({ ok: false, description: String(e) }));
  if (!answer.ok) {
    console.error(`dev:worker: set BOT_INFO (getMe's answer); asking ${apiRoot} for it failed: ${answer.description}`);
    process.exit(2);
  }
  vars.BOT_INFO = JSON.stringify(answer.result);
  console.log(`dev:worker: BOT_INFO was not set; using getMe's answer (set BOT_INFO=${vars.BOT_INFO} to skip this)`);
}

// A dotenv file: each value in a quote it does not contain (dotenv has no escapes).
function dotenvLine(name, value) {
  const quote = ["'", '"', "`"].find((q) => !value.includes(q));
  if (!quote || /[\r\n]/.test(value))
    throw new Error(`${name} cannot be passed to wrangler (it holds every kind of quote or a line break)`);
  return `${name}=${quote}${value}${quote}`;
}
const dir = mkdtempSync(join(tmpdir(), "bala-dev-worker-"));
const varsFile = join(dir, "worker.env");
writeFileSync(
  varsFile,
  Object.entries(vars)
    .map(([k, v]) => dotenvLine(k, v))
    .join("\n") + "\n",
  { mode: 0o600 },
);
const cleanup = () => rmSync(dir, { recursive: true, force: true });

// Wrangler's local Hyperdrive wants a user and a password in the address. A server that trusts
// local connections (as CI's does) ignores the password, so a placeholder is given when none is.
const databaseUrl = new URL(env.DATABASE_URL.trim());
if (!databaseUrl.username) {
  console.error("dev:worker: DATABASE_URL must name a user, e.g. postgres://postgres@127.0.0.1:5432/bala");
  process.exit(2);
}
if (!databaseUrl.password) databaseUrl.password = "unused-with-trust-auth";

const require = createRequire(import.meta.url);
const wrangler = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
const port = env.PORT?.trim() || "8787";
const args = [
  wrangler,
  "dev",
  "--ip",
  "127.0.0.1", // it holds real secrets: this machine only
  "--port",
  port,
  "--env-file",
  varsFile,
  "--show-interactive-dev-session=false",
  // GET /__scheduled?cron=* * * * * runs the Cron Trigger's handler (the outbox) by hand.
  "--test-scheduled",
  ...(env.INSPECTOR_PORT ? ["--inspector-port", env.INSPECTOR_PORT] : []),
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, {
  stdio: "inherit",
  env: {
    ...env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: databaseUrl.toString(),
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
