// Files sent to the in-process Bot API (a simulated child's photo or document): kept as Telegram
// keeps them, behind a file_id, answered by getFile with a file_path, and downloadable from
// `${apiRoot}/file/bot<token>/<file_path>` as grammY and any Bot API client expect.

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  /** Telegram's path: photos/file_3.jpg, documents/file_4.pdf. */
  filePath: string;
  size: number;
  kind: "photo" | "document";
  name?: string | undefined;
  mime?: string | undefined;
}

/** Where file bytes live beyond this process (the simulator keeps them in DATA_DIR). */
export interface FileBytesStore {
  write(fileId: string, bytes: Uint8Array): void;
  read(fileId: string): Uint8Array | undefined;
}

export interface FakeFiles {
  add(bytes: Uint8Array, meta: { kind: StoredFile["kind"]; name?: string | undefined; mime?: string | undefined }): StoredFile;
  get(fileId: string): StoredFile | undefined;
  bytes(fileId: string): Uint8Array | undefined;
  byPath(filePath: string): StoredFile | undefined;
  list(): StoredFile[];
  restore(files: StoredFile[]): void;
  clear(): void;
}

/** An extension Telegram would keep: letters and digits only, so a path is always a plain name. */
function extension(kind: StoredFile["kind"], name: string | undefined): string {
  if (kind === "photo") return "jpg";
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name ?? "")?.[1]?.toLowerCase();
  return ext ?? "bin";
}

export function createFakeFiles(store?: FileBytesStore): FakeFiles {
  const meta = new Map<string, StoredFile>();
  const held = new Map<string, Uint8Array>();
  let counter = 0;
  const random = () => Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, "0")).join("");
  return {
    add(bytes, info) {
      const n = counter++;
      const file: StoredFile = {
        fileId: `sim-${info.kind}-${random()}`,
        fileUniqueId: `simu-${random()}`,
        filePath: `${info.kind === "photo" ? "photos" : "documents"}/file_${n}.${extension(info.kind, info.name)}`,
        size: bytes.byteLength,
        kind: info.kind,
        ...(info.name ? { name: info.name } : {}),
        ...(info.mime ? { mime: info.mime } : {}),
      };
      meta.set(file.fileId, file);
      held.set(file.fileId, bytes);
      store?.write(file.fileId, bytes);
      return file;
    },
    get: (fileId) => meta.get(fileId),
    bytes(fileId) {
      if (!meta.has(fileId)) return undefined;
      const cached = held.get(fileId);
      if (cached) return cached;
      const read = store?.read(fileId);
      if (read) held.set(fileId, read);
      return read;
    },
    byPath: (filePath) => [...meta.values()].find((f) => f.filePath === filePath),
    list: () => [...meta.values()],
    restore(files) {
      for (const f of files) meta.set(f.fileId, f);
      counter = Math.max(counter, ...files.map((f) => Number(/file_(\d+)\./.exec(f.filePath)?.[1] ?? -1) + 1));
    },
    clear() {
      meta.clear();
      held.clear();
    },
  };
}
