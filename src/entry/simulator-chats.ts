// The simulator's chats across restarts (Node only): DATA_DIR/simulator/chats.json and the files
// children sent in DATA_DIR/simulator/files/. Simulator state only: the product's own data is in
// the database. Chats are written a moment after they change (a burst of bot messages is one
// write), atomically (a temporary file, then a rename), readable by this user only.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChatPersistence, ChatSnapshot } from "../simulator/fake-bot-api.js";
import type { Logger } from "../logger.js";

const WRITE_AFTER_MS = 300;

export function simulatorChatsIn(dataDir: string, logger: Logger): ChatPersistence & { flush(): void } {
  const dir = join(dataDir, "simulator");
  const filesDir = join(dir, "files");
  const chatsFile = join(dir, "chats.json");
  mkdirSync(filesDir, { recursive: true, mode: 0o700 });
  let initial: ChatSnapshot | undefined;
  try {
    initial = JSON.parse(readFileSync(chatsFile, "utf8")) as ChatSnapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      logger.warn({ err: String(error) }, "simulator chats unreadable: starting with empty chats");
  }
  let pending: (() => ChatSnapshot) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const snapshot = pending();
    pending = undefined;
    try {
      writeFileSync(`${chatsFile}.tmp`, JSON.stringify(snapshot), { mode: 0o600 });
      renameSync(`${chatsFile}.tmp`, chatsFile);
    } catch (error) {
      logger.warn({ err: String(error) }, "simulator chats not saved");
    }
  };
  // process.exit after SIGTERM skips timers: what is still waiting is written on the way out.
  process.once("exit", flush);
  // File ids are made here (sim-photo-<hex>): a name that could leave the folder is never asked for.
  const safe = (fileId: string) => (/^[a-z0-9-]{1,80}$/.test(fileId) ? join(filesDir, fileId) : undefined);
  return {
    initial,
    changed(snapshot) {
      pending = snapshot;
      timer ??= setTimeout(flush, WRITE_AFTER_MS);
      timer.unref?.();
    },
    write(fileId, bytes) {
      const path = safe(fileId);
      if (path) writeFileSync(path, bytes, { mode: 0o600 });
    },
    read(fileId) {
      const path = safe(fileId);
      try {
        return path ? new Uint8Array(readFileSync(path)) : undefined;
      } catch {
        return undefined;
      }
    },
    flush,
  };
}
