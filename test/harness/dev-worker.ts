// `npm run dev:worker` as a process (wrangler dev serving the Worker in workerd), and a fake
// Telegram Bot API served over HTTP for it to call: for the Worker's test and its CPU benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { createFakeBotApi, type FakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import type { UserFromGetMe } from "grammy/types";
import { freePort, serveFakeTelegram } from "./server-process.ts";

export interface ServedBotApi {
  api: FakeBotApi;
  apiRoot: string;
  close(): void;
}

/** A fake Telegram for this bot, served over HTTP on loopback. */
export async function serveFakeBotApi(botInfo: UserFromGetMe): Promise<ServedBotApi> {
  const api = createFakeBotApi(botInfo, "http://127.0.0.1");
  return { api, ...(await serveFakeTelegram(api)) };
}

export interface DevWorker {
  /** http://127.0.0.1:<PORT> */
  base: string;
  inspectorPort: number;
  process: ChildProcess;
  /** Everything wrangler and the Worker printed so far. */
  log(): string;
  /** Polls `check` until it holds (a condition, never a fixed sleep); fails with the Worker's log. */
  until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `npm run dev:worker` with exactly `env` (plus PATH and HOME) and waits until /healthz answers. */
export async function startDevWorker(env: Record<string, string>, startMs = 240_000): Promise<DevWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const child = spawn("npm", ["run", "dev:worker"], {
    // Its own process group, so npm, the script, wrangler and workerd are stopped together.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(port),
      INSPECTOR_PORT: String(inspectorPort),
      ...env,
    },
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const worker: DevWorker = {
    base,
    inspectorPort,
    process: child,
    log: () => log,
    async until(check, what, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await check();
        if (value) return value;
        if (child.exitCode !== null) throw new Error(`the Worker exited while waiting for ${what}:\n${log.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${log.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (!child.pid || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!stopped) process.kill(-child.pid, "SIGKILL");
    },
  };
  // wrangler bundles the Worker and starts workerd: tens of seconds on a busy machine.
  try {
    await worker.until(
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      "the Worker to answer /healthz",
      startMs,
    );
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}
