// Node: embedded PGlite is one process's database. The server marks the folder it uses
// (DATA_DIR/server.lock, with its pid), and a command (retention, console:add-staff, …) looks for
// that mark before it opens the folder: two processes on one PGlite folder do not see each other's
// writes and can corrupt it. PostgreSQL (DATABASE_URL) is shared by design and is not checked.
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { readFileSync, unlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK_FILE = "server.lock";

interface LockContent {
  pid: number;
  hostname?: string;
  startedAt?: string;
}

export type ServerLockCheck =
  /** No lock, or the lock names this very process: go ahead. */
  | { state: "free" }
  /** The lock named a process that is gone: it was removed, go ahead (`note` says so). */
  | { state: "stale"; pid: number; note: string }
  /** A server is using the folder (or may be, on another machine): do not open it. */
  | { state: "running"; pid: number; message: string };

export function lockPath(dataDir: string): string {
  return join(dataDir, LOCK_FILE);
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseLock(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "number") return Number.isInteger(value) && value > 0 ? { pid: value } : undefined;
    if (value && typeof value === "object" && Number.isInteger((value as LockContent).pid) && (value as LockContent).pid > 0)
      return value as LockContent;
  } catch {
    // not ours, or not whole
  }
  return undefined;
}

async function readLock(file: string): Promise<{ text: string; lock: LockContent | undefined } | undefined> {
  try {
    const text = await readFile(file, "utf8");
    return { text, lock: parseLock(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function removeIfUnchanged(file: string, text: string): Promise<void> {
  // Another process may have replaced it meanwhile: only the lock that was judged goes.
  const now = await readLock(file);
  if (now?.text === text)
    await unlink(file).catch((error: unknown) => ((error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : Promise.reject(error)));
}

/**
 * The decision, without printing or exiting: whether a live server holds the embedded database in
 * `dataDir`. A lock naming a dead process is removed. `self` is the pid that counts as "us".
 */
export async function checkServerLock(dataDir: string, self = process.pid): Promise<ServerLockCheck> {
  const file = lockPath(dataDir);
  const found = await readLock(file);
  if (!found) return { state: "free" };
  const { lock, text } = found;
  if (!lock) {
    await removeIfUnchanged(file, text);
    return {
      state: "stale",
      pid: 0,
      note: `Removed ${file}: it did not name a process (a server's lock is written whole, so it was not one).`,
    };
  }
  if (lock.pid === self && (!lock.hostname || lock.hostname === hostname())) return { state: "free" };
  if (lock.hostname && lock.hostname !== hostname()) {
    return {
      state: "running",
      pid: lock.pid,
      message: [
        `The embedded database in ${dataDir} is marked as used by a server on another machine or container ("${lock.hostname}", pid ${lock.pid}${lock.startedAt ? `, since ${lock.startedAt}` : ""}), which cannot be checked from here.`,
        `Run this command where the server runs, or stop the server first. If you are sure no server uses this folder any more, delete ${file}.`,
        `To run commands while the server runs, use PostgreSQL (DATABASE_URL), where several processes are fine.`,
      ].join("\n"),
    };
  }
  if (!isAlive(lock.pid)) {
    await removeIfUnchanged(file, text);
    return {
      state: "stale",
      pid: lock.pid,
      note: `Removed a stale ${file}: the server that wrote it (pid ${lock.pid}) is no longer running.`,
    };
  }
  return {
    state: "running",
    pid: lock.pid,
    message: [
      `The server (pid ${lock.pid}${lock.startedAt ? `, running since ${lock.startedAt}` : ""}) is using the embedded database in ${dataDir}.`,
      `The embedded database (PGlite) belongs to one process at a time: a second one would not see the server's changes, and the server would not see this command's (or the folder could be corrupted).`,
      `Stop the server first (Ctrl+C, or stop its service), run this command, then start the server again.`,
      `Or use PostgreSQL: set DATABASE_URL, and the server and commands can run at the same time.`,
    ].join("\n"),
  };
}

/**
 * For commands, before they open the embedded database: exits with code 3 and says why when a
 * server is using it (after `hint`, the command's own advice, if any); removes a stale lock with a note.
 */
export async function refuseIfServerRunning(dataDir: string, hint?: string): Promise<void> {
  const check = await checkServerLock(dataDir);
  if (check.state === "stale") console.error(check.note);
  if (check.state === "running") {
    // A command may know a better way than stopping the server (add-staff: the console itself).
    console.error(hint ? `${hint}\n\n${check.message}` : check.message);
    process.exit(3);
  }
}

/**
 * For the server, once it has the embedded database open: writes DATA_DIR/server.lock with its
 * pid. Returns the function that removes it (it is also removed when the process exits). Throws
 * when another live server already holds the folder. `undefined` (PostgreSQL) does nothing.
 */
export async function holdEmbeddedDatabase(
  dataDir: string | undefined,
  log: (note: string) => void = (note) => console.error(note),
): Promise<() => Promise<void>> {
  if (dataDir === undefined) return async () => undefined;
  await mkdir(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const content = `${JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() } satisfies LockContent)}\n`;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  try {
    // link() creates the lock whole or not at all, and fails when one exists (no race between two servers).
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 2) throw error;
        const check = await checkServerLock(dataDir);
        if (check.state === "running") {
          throw new Error(
            `Another server (pid ${check.pid}) already uses the embedded database in ${dataDir}: stop it first, or use PostgreSQL (DATABASE_URL) to run several servers. (${check.message.split("\n")[0]})`,
            { cause: error },
          );
        }
        if (check.state === "stale") log(check.note);
        // Our own pid (a restart that got the same pid, e.g. pid 1 in a container): replace it.
        if (check.state === "free") await unlink(file).catch(() => undefined);
      }
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const onExit = () => {
    try {
      if (readFileSync(file, "utf8") === content) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  return async () => {
    process.removeListener("exit", onExit);
    await removeIfUnchanged(file, content);
  };
}
