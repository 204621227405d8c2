// The servers under test, each a child process started the way production starts it, with the
// probe (probe.mjs) preloaded: CPU and memory over IPC, a full GC on request. Also the
// PostgreSQL side: throwaway databases, and the CPU their server processes spend for a target.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

const PROBE = pathToFileURL(fileURLToPath(new URL("./probe.mjs", import.meta.url))).href;
/** Linux counts process CPU in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

export interface Probe {
  /** CPU time used since the process started (user + system, every thread), in ms. */
  cpuMs: number;
  rss: number;
  heapUsed: number;
  /** Memory outside V8's heap: buffers, and PGlite's and Prisma's WebAssembly memories. */
  external: number;
  /** The highest RSS the process has had so far. */
  maxRss: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  private output = "";
  /** The last error lines it logged (pino level 50 and above), kept apart from the info lines. */
  private readonly errors: string[] = [];
  private probes = 0;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      // The last lines are enough to say why a server failed; the rest is production's log volume.
      const text = chunk.toString();
      this.output = (this.output + text).slice(-20_000);
      for (const line of text.split("\n")) {
        if (!/"level":(5|6)0/.test(line)) continue;
        this.errors.push(line.slice(0, 500));
        if (this.errors.length > 10) this.errors.shift();
      }
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /** Starts `node <args>` with the probe and this environment; resolves once /healthz answers, with the time that took. */
  static async start(
    args: string[],
    env: Record<string, string>,
    nodeFlags: string[] = [],
    timeoutMs = 300_000,
  ): Promise<{ server: ServerProcess; startMs: number }> {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, ["--expose-gc", "--import", PROBE, ...nodeFlags, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const server = new ServerProcess(child, port);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (child.exitCode !== null) throw new Error(`server exited at start (${args.join(" ")}):\n${server.output.slice(-3000)}`);
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`server did not answer /healthz within ${timeoutMs / 1000} s:\n${server.output.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return { server, startMs: performance.now() - started };
  }

  get pid(): number {
    return this.child.pid!;
  }

  log(): string {
    return this.output;
  }

  errorLines(): string[] {
    return this.errors;
  }

  probe(gc = false): Promise<Probe> {
    const id = ++this.probes;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server's probe did not answer")), 60_000);
      const onMessage = (message: { probe?: number; cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage; maxRssKb: number }) => {
        if (message?.probe !== id) return;
        clearTimeout(timer);
        this.child.off("message", onMessage);
        resolve({
          cpuMs: (message.cpu.user + message.cpu.system) / 1000,
          rss: message.memory.rss,
          heapUsed: message.memory.heapUsed,
          external: message.memory.external,
          maxRss: message.maxRssKb * 1024,
        });
      };
      this.child.on("message", onMessage);
      this.child.send({ probe: id, gc });
    });
  }

  /** SIGTERM (the server finishes what is in flight), then SIGKILL if it has not exited in time. */
  async stop(timeoutMs = 60_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** A database of its own on the PostgreSQL server, dropped afterwards. */
export class ThrowawayPostgres {
  private constructor(
    readonly serverUrl: string,
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(serverUrl: string, prefix: string): Promise<ThrowawayPostgres> {
    const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return new ThrowawayPostgres(serverUrl, name, url.toString());
  }

  drop(): Promise<void> {
    return admin(this.serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`)).then(() => undefined);
  }

  /**
   * CPU (ms) the server processes serving this database have used so far, by process id. Read
   * from /proc: the benchmark runs on the database's machine (127.0.0.1).
   */
  async backendCpu(): Promise<Map<number, number>> {
    const pids = await admin(this.serverUrl, (c) =>
      c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [this.name]),
    );
    const cpu = new Map<number, number>();
    for (const { pid } of pids.rows) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) cpu.set(pid, ms);
    }
    return cpu;
  }
}

/** CPU spent between two readings of backendCpu (a process that appeared in between counts whole). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export async function postgresAnswers(serverUrl: string): Promise<boolean> {
  return admin(serverUrl, (c) => c.query("SELECT 1")).then(
    () => true,
    () => false,
  );
}

function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function admin<T extends pg.QueryResultRow>(
  url: string,
  run: (client: pg.Client) => Promise<pg.QueryResult<T>>,
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
