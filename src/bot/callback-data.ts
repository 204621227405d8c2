// Every button's callback data, in one typed codec: features build buttons from payloads and
// handlers receive payloads, never strings cut by hand.
//
// Format: a version byte, then a tag and its fields joined by ":" ("1rt:t:bullying"). Telegram
// allows 64 bytes (checked when encoding, and for every flow button by the flow lint). Buttons
// from before the version byte ("rt:t:bullying", "f:report:safe:safe_no") are still on children's
// screens: they are read as version 0, with the same tags; what no longer reads is answered as an
// old button by the unhandled feature.
import type { Composer, Context, Filter } from "grammy";
import type { PriorityLevel } from "../domain/reports/triage.js";

export const CALLBACK_VERSION = "1";
/** Telegram refuses a button whose callback data is longer than this (in UTF-8 bytes). */
export const CALLBACK_DATA_MAX_BYTES = 64;

const REGION = /^[a-z][a-z_]{1,23}$/;
const ID = /^[a-z][a-z0-9_]{0,23}$/;
const UUID = /^[\w-]{36}$/;

export const quizRatings = ["good", "partly", "bad", "skip"] as const;
export const staffPriorities = ["URGENT", "HIGH", "NORMAL", "LOW"] as const satisfies readonly PriorityLevel[];

/** How one field is written in the data and read back (undefined: it does not read). */
interface Field<T> {
  read(text: string): T | undefined;
  write(value: T): string;
}
const text = (pattern: RegExp): Field<string> => ({ read: (s) => (pattern.test(s) ? s : undefined), write: (s) => s });
const int: Field<number> = { read: (s) => (/^\d{1,9}$/.test(s) ? Number(s) : undefined), write: String };
const oneOf = <T extends string>(values: readonly T[]): Field<T> => ({ read: (s) => values.find((v) => v === s), write: (v) => v });
const flag = (yes: string, no: string): Field<boolean> => ({
  read: (s) => (s === yes ? true : s === no ? false : undefined),
  write: (v) => (v ? yes : no),
});

/** A kind's tag (the literal start of its data) and its fields, in the order they are written. */
const spec = <F extends Record<string, Field<unknown>> = Record<never, never>>(tag: string, fields = {} as F) => ({ tag, fields });

/**
 * Every kind of button: its handler's name, its tag and its fields. The payload types below are
 * read from this table, so a field added here is a field every builder and handler must use.
 */
const specs = {
  // The main screens, from any screen.
  "nav.help": spec("nav:help"),
  "nav.menu": spec("nav:menu"),
  "nav.language": spec("nav:lang"),
  "nav.resume": spec("nav:resume"),
  "nav.reports": spec("nav:reports"),
  quickExit: spec("qx"),
  forget: spec("forget", { confirm: flag("yes", "no") }),
  // A button of a conversation in flows/: the button id, or a control (back, cancel).
  flow: spec("f", { flow: text(ID), step: text(ID), button: text(/^[a-z0-9_]{1,24}$/) }),
  // My reports and the case code.
  "report.code": spec("fu:code"),
  "report.view": spec("fu:view", { id: text(UUID) }),
  "report.add": spec("fu:add", { id: text(UUID) }),
  "report.message": spec("fu:msg", { id: text(UUID) }),
  "report.held": spec("fu:held", { send: flag("send", "drop") }),
  // My rights.
  "rights.themes": spec("rt:themes"),
  "rights.ask": spec("rt:ask"),
  "rights.crisis": spec("rt:crisis"),
  "rights.report": spec("rt:report"),
  "rights.group": spec("rt:g", { group: text(ID) }),
  "rights.topic": spec("rt:t", { topic: text(ID) }),
  "rights.more": spec("rt:m", { topic: text(ID) }),
  "rights.helped": spec("rt:f", { topic: text(ID), helped: flag("1", "0") }),
  // The quiz.
  "quiz.start": spec("qz:start"),
  "quiz.satisfaction": spec("qz:sat"),
  "quiz.answer": spec("qz:a", { index: int, choice: int }),
  "quiz.question": spec("qz:q", { index: int }),
  "quiz.rated": spec("qz:s", { rating: oneOf(quizRatings) }),
  "quiz.region": spec("qz:r", { region: text(REGION) }),
  "quiz.age": spec("qz:g", { region: text(REGION), band: text(/^([A-Z0-9_]{1,12}|skip)$/) }),
  // Help in my region.
  "region.choose": spec("hr:choose"),
  "region.show": spec("hr", { region: text(REGION) }),
  // Listening: tell the team, may the team write, open the team's reply.
  "listen.tell": spec("ls:tell"),
  "listen.mayWrite": spec("ls:write", { signal: text(UUID) }),
  "listen.reply": spec("sg:msg", { message: text(UUID) }),
  // The staff group's buttons on a report's post.
  "staff.claim": spec("st:claim", { report: int }),
  "staff.spam": spec("st:spam", { report: int }),
  "staff.block": spec("st:block", { report: int }),
  "staff.noop": spec("st:noop", { report: int }),
  "staff.priority": spec("st:prio", { report: int, priority: oneOf(staffPriorities) }),
};

type Specs = typeof specs;
export type CallbackKind = keyof Specs;
type ValueOf<F> = F extends Field<infer T> ? T : never;
/** What a button of this kind carries. */
export type PayloadOf<K extends CallbackKind> = { kind: K } & { -readonly [F in keyof Specs[K]["fields"]]: ValueOf<Specs[K]["fields"][F]> };
/** What a button means: `kind` names the handler; the other fields are its arguments. */
export type CallbackPayload = { [K in CallbackKind]: PayloadOf<K> }[CallbackKind];

// Read with the most specific tag first ("hr:choose" before "hr:<region>").
const byTag = (Object.entries(specs) as [CallbackKind, { tag: string; fields: Record<string, Field<unknown>> }][])
  .map(([kind, { tag, fields }]) => ({ kind, fields, parts: tag.split(":"), names: Object.keys(fields) }))
  .sort((a, b) => b.parts.length - a.parts.length);

export const callbackBytes = (data: string): number => new TextEncoder().encode(data).length;

/** The callback data of a button, whatever its length (the flow lint measures flow buttons with it). */
export function callbackDataFor(payload: CallbackPayload): string {
  const { tag, fields } = specs[payload.kind] as { tag: string; fields: Record<string, Field<unknown>> };
  const values: Record<string, unknown> = payload;
  return [`${CALLBACK_VERSION}${tag}`, ...Object.entries(fields).map(([name, field]) => field.write(values[name]))].join(":");
}

/** The callback data of a button; throws when it would not fit Telegram's 64 bytes. */
export function encodeCallback(payload: CallbackPayload): string {
  const data = callbackDataFor(payload);
  if (callbackBytes(data) > CALLBACK_DATA_MAX_BYTES)
    throw new Error(`callback data ${data} is longer than Telegram's ${CALLBACK_DATA_MAX_BYTES} bytes`);
  return data;
}

/** What a button's data means, from this version or an older one; undefined when it does not read. */
export function decodeCallback(data: string): CallbackPayload | undefined {
  // Version 0 had no version byte: its data starts with the tag.
  const body = data.startsWith(CALLBACK_VERSION) ? data.slice(CALLBACK_VERSION.length) : /^[a-z]/.test(data) ? data : undefined;
  if (body === undefined) return undefined;
  const parts = body.split(":");
  for (const { kind, fields, parts: tag, names } of byTag) {
    if (parts.length !== tag.length + names.length || tag.some((t, i) => parts[i] !== t)) continue;
    const payload: Record<string, unknown> = { kind };
    const ok = names.every((name, i) => (payload[name] = fields[name]!.read(parts[tag.length + i]!)) !== undefined);
    if (ok) return payload as CallbackPayload;
  }
  return undefined;
}

/** Help and the quick exit, of any version: they must work even when other updates are held back (a flood). */
export function isLifelineButton(data: string): boolean {
  const kind = decodeCallback(data)?.kind;
  return kind === "nav.help" || kind === "quickExit";
}

/**
 * Runs `handler` for the buttons of one kind, with their payload; other updates go on. Use it
 * instead of `callbackQuery("…")`, so that old buttons (version 0) reach the same handler.
 */
export function onButton<C extends Context, K extends CallbackKind>(
  composer: Composer<C>,
  kind: K,
  handler: (ctx: Filter<C, "callback_query:data">, payload: PayloadOf<K>) => unknown,
): void {
  composer.on("callback_query:data", async (ctx, next) => {
    const payload = decodeCallback(ctx.callbackQuery.data);
    if (payload?.kind !== kind) return next();
    await handler(ctx, payload as PayloadOf<K>);
  });
}
