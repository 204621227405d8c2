// grammY sessions in the database, encrypted: an unfinished report is the child's own words. The
// rows have @grammyjs/storage-prisma's shape and encoding ("value" is the JSON of the sealed text).
// While the chat gate holds a chat's lease for an update, the session rides on the gate's two
// statements instead of costing two round trips of its own (src/domain/gate/chat-gate.ts): the
// gate hands over what its admit statement read (`begin`), reads and writes in between stay in
// memory, and the gate's finish statement writes what `end` gives back, in the same transaction
// as the update's "done" mark. Without the gate (the database did not answer it in time, a
// group), reads and writes go to the database directly, as before.
import type { StorageAdapter } from "grammy";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Db } from "./client.js";
import type { Sealer } from "../domain/privacy/encryption.js";
import type { SessionChange } from "../domain/gate/chat-gate.js";

/** What the chat gate and the session storage hand each other for the update holding a chat's lease. */
export interface SessionHandoff {
  /**
   * The update holding `key`'s lease starts, with the row's value as the gate's statement read it
   * (null: no row; undefined: not read, the first read asks the database).
   */
  begin(key: string, stored: string | null | undefined): void;
  /** The update holding `key`'s lease ends: what it left to write, if anything. */
  end(key: string): SessionChange | undefined;
}

export type SessionStorage<T> = StorageAdapter<T> & SessionHandoff;

interface Slot {
  stored: string | null | undefined;
  change: SessionChange | undefined;
}

export function createSessionStorage<T>(db: Db, sealer: Sealer): SessionStorage<T> {
  const inner = new PrismaAdapter<string>(db.session);
  // One entry per chat whose lease this process holds; its updates run one at a time.
  const slots = new Map<string, Slot>();
  const open = async (key: string, sealed: string) => JSON.parse(await sealer.open(sealed, `session:${key}`)) as T;
  const seal = (key: string, value: T) => sealer.seal(JSON.stringify(value), `session:${key}`);
  return {
    async read(key) {
      const slot = slots.get(key);
      if (slot) {
        if (slot.change) return "delete" in slot.change ? undefined : open(key, JSON.parse(slot.change.value) as string);
        if (slot.stored === undefined)
          slot.stored = (await db.session.findUnique({ where: { key }, select: { value: true } }))?.value ?? null;
        return slot.stored === null ? undefined : open(key, JSON.parse(slot.stored) as string);
      }
      const sealed = await inner.read(key);
      return sealed === undefined ? undefined : open(key, sealed);
    },
    async write(key, value) {
      const sealed = await seal(key, value);
      const slot = slots.get(key);
      if (slot) slot.change = { value: JSON.stringify(sealed) };
      else await inner.write(key, sealed);
    },
    async delete(key) {
      const slot = slots.get(key);
      if (slot) slot.change = { delete: true };
      else await inner.delete(key);
    },
    begin(key, stored) {
      slots.set(key, { stored, change: undefined });
    },
    end(key) {
      const change = slots.get(key)?.change;
      slots.delete(key);
      return change;
    },
  };
}
