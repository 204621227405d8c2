// Fetching a file the child sent, by its Telegram file id: `getFile`, then the file itself from
// `<api root>/file/bot<token>/<path>`. The token and the path stay on the server: neither is ever
// logged, put in an error, or sent to a browser. Runtime-neutral (fetch only).

export type FetchedFile =
  | { ok: true; bytes: Uint8Array; path: string }
  /** too_big: over Telegram's 20 MB bot download limit. gone: Telegram no longer has it (or never will serve it). unavailable: try again later. */
  | { ok: false; reason: "too_big" | "gone" | "unavailable" };

export interface TelegramFiles {
  fetch(fileId: string): Promise<FetchedFile>;
}

export interface TelegramFilesOptions {
  apiRoot: string;
  token: string;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Telegram's own limit for bots; nothing bigger is read into memory either. */
  maxBytes: number;
  timeoutMs: number;
}

export function createTelegramFiles(o: TelegramFilesOptions): TelegramFiles {
  const root = o.apiRoot.replace(/\/+$/, "");
  const call = o.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const unavailable = { ok: false, reason: "unavailable" } as const;

  return {
    async fetch(fileId) {
      const signal = AbortSignal.timeout(o.timeoutMs);
      let info: { ok?: boolean; description?: string; error_code?: number; result?: { file_path?: string; file_size?: number } };
      try {
        const res = await call(`${root}/bot${o.token}/getFile`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ file_id: fileId }),
          signal,
        });
        info = (await res.json()) as typeof info;
      } catch {
        return unavailable;
      }
      if (!info.ok) {
        // Telegram answers 400 "file is too big" past 20 MB; other 400s mean the id is no good any more.
        if (/too big/i.test(info.description ?? "")) return { ok: false, reason: "too_big" };
        return info.error_code === 400 ? { ok: false, reason: "gone" } : unavailable;
      }
      const path = info.result?.file_path;
      if ((info.result?.file_size ?? 0) > o.maxBytes) return { ok: false, reason: "too_big" };
      // No path: Telegram will not serve it. An absolute path is a self-hosted Bot API server in
      // --local mode, whose files are on its own disk, not behind /file/.
      if (!path) return { ok: false, reason: "gone" };
      if (path.startsWith("/") || path.includes("..") || !/^[\w\-./]+$/.test(path)) return unavailable;
      try {
        const res = await call(`${root}/file/bot${o.token}/${path}`, { signal });
        if (res.status === 404 || res.status === 400) return { ok: false, reason: "gone" };
        if (!res.ok || !res.body) return unavailable;
        const bytes = await readAtMost(res.body, o.maxBytes);
        return bytes ? { ok: true, bytes, path } : { ok: false, reason: "too_big" };
      } catch {
        return unavailable;
      }
    },
  };
}

/** The whole body, or undefined as soon as it passes `max` bytes (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}
