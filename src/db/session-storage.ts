// grammY sessions in the database, through the official Prisma storage adapter, encrypted:
// an unfinished report is the child's own words.
import type { StorageAdapter } from "grammy";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Db } from "./client.js";
import type { Sealer } from "../domain/privacy/encryption.js";

export function createSessionStorage<T>(db: Db, sealer: Sealer): StorageAdapter<T> {
  const inner = new PrismaAdapter<string>(db.session);
  return {
    async read(key) {
      const sealed = await inner.read(key);
      return sealed === undefined ? undefined : (JSON.parse(await sealer.open(sealed, `session:${key}`)) as T);
    },
    async write(key, value) {
      await inner.write(key, await sealer.seal(JSON.stringify(value), `session:${key}`));
    },
    delete: (key) => inner.delete(key),
  };
}
