// Danger heard outside a sent report: one row per child per half hour (the throttle lives in the
// database, keyed by pseudonym, so /forget or a second instance cannot reset it). Staff see the
// signal kinds, a short reference, the language, the time and whether the child is still writing;
// they may answer only when the child agreed, and may block a pseudonym that floods.
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";
import type { Tx } from "../reports/reports.js";

/** One alert per child per half hour is enough for staff to act; the child is answered every time. */
export const REALERT_MS = 30 * 60 * 1000;
/** A child who wrote within this long is shown as "still in the chat". */
export const PRESENT_MS = 10 * 60 * 1000;
/** How long after a signal the child's messages keep its "last seen" time fresh. */
export const FOLLOW_MS = 24 * 60 * 60 * 1000;

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export interface SignalRecord {
  id: string;
  reference: string;
  signals: string[];
  language: string;
  place: string;
  status: "OPEN" | "ANSWERED" | "CLOSED";
  contactSealed: string | null;
  lastSeenAt: Date;
  createdAt: Date;
}

export interface RaiseInput {
  pseudonym: string;
  signals: string[];
  language: string;
  place: "outside" | "draft";
}

export interface RaiseOutcome {
  signal: SignalRecord;
  /** True when this call opened a new signal: staff must be alerted now. */
  fresh: boolean;
}

export type SignalService = ReturnType<typeof createSignalService>;

export function createSignalService(deps: { db: Db; sealer: Sealer; now?: () => Date; random?: () => number }) {
  const { db, sealer } = deps;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const newReference = () => `S-${Array.from({ length: 5 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join("")}`;
  const contactContext = (id: string) => `signal-contact:${id}`;

  return {
    /**
     * Records danger heard from a child: a new signal, or the one opened in the last half hour
     * (its kinds merged). Blocked pseudonyms get no signal (the child is still answered).
     */
    async raise(input: RaiseInput): Promise<RaiseOutcome | undefined> {
      if ((await db.blockedPseudonym.count({ where: { pseudonym: input.pseudonym } })) > 0) return undefined;
      const at = now();
      const recent = await db.signal.findFirst({
        where: { pseudonym: input.pseudonym, createdAt: { gte: new Date(at.getTime() - REALERT_MS) } },
        orderBy: { createdAt: "desc" },
      });
      if (recent) {
        const signals = [...new Set([...recent.signals, ...input.signals])];
        const signal = await db.signal.update({ where: { id: recent.id }, data: { signals, lastSeenAt: at } });
        return { signal, fresh: false };
      }
      for (let attempt = 0; ; attempt++) {
        try {
          const signal = await db.signal.create({
            data: {
              reference: newReference(),
              pseudonym: input.pseudonym,
              signals: input.signals,
              language: input.language,
              place: input.place,
              lastSeenAt: at,
              createdAt: at,
            },
          });
          return { signal, fresh: true };
        } catch (error) {
          // A reference already taken (31^5 of them): draw again, a few times.
          if (attempt >= 4 || !String(error).includes("Unique")) throw error;
        }
      }
    },

    /** The child wrote again: keeps "still in the chat" true on their signals of the last day. */
    async seen(pseudonym: string): Promise<void> {
      const at = now();
      await db.signal.updateMany({
        where: { pseudonym, createdAt: { gte: new Date(at.getTime() - FOLLOW_MS) } },
        data: { lastSeenAt: at },
      });
    },

    /** "The team may write to me here": keeps the way back, sealed, on the child's own signal. */
    async allowReplies(signalId: string, pseudonym: string, chatId: number): Promise<boolean> {
      const signal = await db.signal.findFirst({ where: { id: signalId, pseudonym, status: { not: "CLOSED" } }, select: { id: true } });
      if (!signal) return false;
      await db.signal.update({
        where: { id: signal.id },
        data: { contactSealed: await sealer.seal(String(chatId), contactContext(signal.id)), lastSeenAt: now() },
      });
      return true;
    },

    async find(id: string): Promise<SignalRecord | undefined> {
      return (await db.signal.findUnique({ where: { id } })) ?? undefined;
    },

    /** Newest first; open ones before closed ones. */
    async list(options: { includeClosed: boolean; take?: number }): Promise<SignalRecord[]> {
      return db.signal.findMany({
        where: options.includeClosed ? {} : { status: { not: "CLOSED" } },
        orderBy: [{ status: "asc" }, { createdAt: "desc" }],
        take: options.take ?? 200,
      });
    },

    async contactChatId(signal: SignalRecord): Promise<number | undefined> {
      return signal.contactSealed ? Number(await sealer.open(signal.contactSealed, contactContext(signal.id))) : undefined;
    },

    /** A staff reply, kept sealed until the child opens it. */
    async addReply(
      signal: SignalRecord,
      staffId: string,
      text: string,
      then: (tx: Tx, messageId: string) => Promise<void>,
    ): Promise<string> {
      const bodySealed = await sealer.seal(text, `signal-message:${signal.id}`);
      return db.$transaction(async (tx) => {
        const created = await tx.signalMessage.create({ data: { signalId: signal.id, staffAuthor: staffId, bodySealed } });
        await tx.signal.update({ where: { id: signal.id }, data: { status: "ANSWERED" } });
        await then(tx, created.id);
        return created.id;
      });
    },

    /** The reply a child opens from "You have a new message": only their own. */
    async openReply(messageId: string, pseudonym: string): Promise<string | undefined> {
      const message = await db.signalMessage.findFirst({ where: { id: messageId, signal: { pseudonym } } });
      if (!message) return undefined;
      if (!message.readAt) await db.signalMessage.update({ where: { id: message.id }, data: { readAt: now() } });
      return sealer.open(message.bodySealed, `signal-message:${message.signalId}`);
    },

    async close(signal: SignalRecord, staffId: string): Promise<void> {
      await db.signal.update({ where: { id: signal.id }, data: { status: "CLOSED", closedAt: now(), closedBy: staffId } });
    },

    /** Blocks the pseudonym behind a signal (flooding): no more signals or reports from it. */
    async block(signal: SignalRecord, staffId: string): Promise<void> {
      const row = await db.signal.findUnique({ where: { id: signal.id }, select: { pseudonym: true } });
      if (!row) return;
      await db.$transaction([
        db.blockedPseudonym.upsert({
          where: { pseudonym: row.pseudonym },
          create: { pseudonym: row.pseudonym, reason: `signal ${signal.reference}`, blockedBy: staffId },
          update: {},
        }),
        db.signal.updateMany({
          where: { pseudonym: row.pseudonym, status: { not: "CLOSED" } },
          data: { status: "CLOSED", closedAt: now(), closedBy: staffId },
        }),
      ]);
    },

    /** /forget: no way back to the child is kept on their signals. */
    async unlinkChild(pseudonym: string): Promise<void> {
      await db.signal.updateMany({ where: { pseudonym }, data: { contactSealed: null } });
    },
  };
}
