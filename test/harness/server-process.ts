// The real Node server as a child process (`npm start`'s entry), for tests that need real
// processes: shutdown and restarts, several instances on one database.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { serve } from "@hono/node-server";
import pg from "pg";
import type { FakeBotApi } from "../../src/simulator/fake-bot-api.ts";

export interface ServerProcess {
  process: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  /** Everything it printed so far (stdout and stderr). */
  log(): string;
}

const started = new Set<ChildProcess>();

/** SIGKILLs every server this process started that still runs: afterAll, so a failed assertion leaves none behind. */
export function killStartedServers(): void {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  started.clear();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Serves a fake Bot API over HTTP on loopback; returns its root URL and a way to stop it. */
export async function serveFakeTelegram(api: FakeBotApi): Promise<{ apiRoot: string; close(): void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: (request: Request) => api.fetch(request), port: 0, hostname: "127.0.0.1" }, (info) => {
      resolve({ apiRoot: `http://127.0.0.1:${info.port}`, close: () => server.close() });
    });
  });
}

/** A throwaway database on the test PostgreSQL server (TEST_DATABASE_URL). */
export async function throwawayPostgres(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("needs TEST_DATABASE_URL");
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Starts the server on a free port with exactly this environment (plus PATH and PORT); resolves once /healthz answers. */
export async function startServer(env: Record<string, string>, startTimeoutMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // Wait for the condition (it answers), not for a fixed time.
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (child.exitCode !== null) throw new Error(`server exited at start: ${output.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: child, port, exited, log: () => output };
}
