// The embedded database belongs to one process: a command refuses to open it while the server
// that marked it (DATA_DIR/server.lock) is alive, and clears the mark of a server that is gone.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkServerLock, holdEmbeddedDatabase, lockPath } from "../../src/entry/embedded-lock.ts";

const repo = join(import.meta.dirname, "../..");
let dir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "bala-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

async function writeLock(pid: number, host = hostname()): Promise<void> {
  await writeFile(lockPath(dir), JSON.stringify({ pid, hostname: host, startedAt: new Date().toISOString() }));
}

/** A live process that is not this one (it waits until killed). */
async function liveChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)"], { stdio: "ignore" });
  children.push(child);
  await new Promise<void>((resolve, reject) => child.once("spawn", resolve).once("error", reject));
  return child;
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return child.pid!;
}

/** Runs a Node script of this repo (through tsx) with DATA_DIR = the test folder. */
function runScript(script: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: repo,
    env: {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: "",
      APP_SECRET: "lock-test-secret-0123456789abcdef0123456789",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += String(c)));
  child.stderr.on("data", (c) => (stderr += String(c)));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("checkServerLock: the decision", () => {
  it("finds nothing when there is no lock", async () => {
    expect(await checkServerLock(dir)).toEqual({ state: "free" });
  });

  it("refuses when the lock names a live process: this test's parent", async () => {
    await writeLock(process.ppid);
    const check = await checkServerLock(dir);
    expect(check).toMatchObject({ state: "running", pid: process.ppid });
    expect(existsSync(lockPath(dir))).toBe(true);
  });

  it("refuses when the lock names a live process: a spawned child, and explains what to do", async () => {
    const child = await liveChild();
    await writeLock(child.pid!);
    const check = await checkServerLock(dir);
    expect(check.state).toBe("running");
    if (check.state !== "running") return;
    expect(check.message).toContain(`pid ${child.pid}`);
    expect(check.message).toMatch(/Stop the server first/);
    expect(check.message).toMatch(/DATABASE_URL/);
    child.kill("SIGKILL");
  });

  it("removes a stale lock (its process is gone) with a note", async () => {
    const pid = await deadPid();
    await writeLock(pid);
    const check = await checkServerLock(dir);
    expect(check).toMatchObject({ state: "stale", pid });
    if (check.state === "stale") expect(check.note).toContain(`pid ${pid}`);
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("does not refuse the process the lock names itself", async () => {
    await writeLock(process.pid);
    expect(await checkServerLock(dir)).toEqual({ state: "free" });
  });

  it("refuses a lock written on another machine or container: its pid cannot be checked from here", async () => {
    await writeLock(process.pid, `not-${hostname()}`);
    expect(await checkServerLock(dir)).toMatchObject({ state: "running" });
    expect(existsSync(lockPath(dir))).toBe(true);
  });
});

describe("holdEmbeddedDatabase: the server's mark", () => {
  it("writes the server's pid, which a command then refuses; release removes it", async () => {
    const release = await holdEmbeddedDatabase(dir);
    expect(JSON.parse(await readFile(lockPath(dir), "utf8"))).toMatchObject({ pid: process.pid, hostname: hostname() });
    // Seen from another process (a command): a live server.
    expect(await checkServerLock(dir, process.pid + 1_000_000)).toMatchObject({ state: "running", pid: process.pid });
    await release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("will not take a folder another live server holds", async () => {
    await writeLock(process.ppid);
    await expect(holdEmbeddedDatabase(dir)).rejects.toThrow(/Another server/);
    expect(JSON.parse(await readFile(lockPath(dir), "utf8"))).toMatchObject({ pid: process.ppid });
  });

  it("replaces a stale lock", async () => {
    await writeLock(await deadPid());
    const notes: string[] = [];
    const release = await holdEmbeddedDatabase(dir, (note) => notes.push(note));
    expect(notes).toHaveLength(1);
    expect(JSON.parse(await readFile(lockPath(dir), "utf8"))).toMatchObject({ pid: process.pid });
    await release();
  });

  it("does nothing for PostgreSQL (no embedded folder)", async () => {
    const release = await holdEmbeddedDatabase(undefined);
    await release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("is removed when the server process exits", { timeout: 30_000 }, async () => {
    const script = join(dir, "server.mts");
    await writeFile(
      script,
      `import { holdEmbeddedDatabase } from ${JSON.stringify(join(repo, "src/entry/embedded-lock.ts"))};\nawait holdEmbeddedDatabase(process.env.DATA_DIR);\nconsole.log("held");\nprocess.exit(0);\n`,
    );
    const result = await runScript(script);
    expect(result.stdout, result.stderr).toContain("held");
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});

// Each spawns Node with tsx: seconds, not milliseconds, on a busy machine.
describe("commands against a running server's embedded database", { timeout: 30_000 }, () => {
  it("npm run retention exits with code 3 and says why, without opening the database", async () => {
    await writeLock(process.pid); // this test process: alive, and not the command's process
    const result = await runScript("scripts/retention.ts");
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`The server (pid ${process.pid}`);
    expect(result.stderr).toMatch(/Stop the server first/);
    expect(result.stderr).toMatch(/DATABASE_URL/);
    expect(result.stdout).not.toContain("Retention");
    expect(existsSync(join(dir, "pglite"))).toBe(false);
    expect(existsSync(lockPath(dir))).toBe(true);
  });

  it("npm run console:add-staff is refused the same way", async () => {
    await writeLock(process.pid);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/console-add-staff.ts", "--email", "a@example.org"], {
      cwd: repo,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", APP_SECRET: "lock-test-secret-0123456789abcdef0123456789" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += String(c)));
    child.stdin.end("a long enough password 123\n");
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code).toBe(3);
    // It says how to do it without stopping anything: the setup link, or the console's Staff page.
    expect(stderr).toContain("/console/setup?token=");
    expect(stderr).toContain("/console/staff");
    expect(stderr).toMatch(/Stop the server first/);
    expect(existsSync(join(dir, "pglite"))).toBe(false);
  });
});
