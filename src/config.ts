import { z } from "zod";
import type { UserFromGetMe } from "grammy/types";
import { regions } from "./domain/help/directory.js";

/** Values that come from the environment (Node's process.env or Workers bindings). */
export type ConfigInput = Record<string, string | undefined>;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const BOT_INFO_HINT =
  'must be the JSON that getMe returns, e.g. {"id":123456,"is_bot":true,"first_name":"Bala Help","username":"bala_help_bot"}';
const BOT_INFO_FIELD = `is missing or wrong: BOT_INFO ${BOT_INFO_HINT}`;

/** getMe's answer, given so that a Worker never asks Telegram who it is. */
const botInfo = z
  .string()
  .transform((text, ctx) => {
    try {
      const parsed = JSON.parse(text) as { ok?: unknown; result?: unknown };
      // getMe's whole answer ({"ok":true,"result":{...}}) is taken too: `curl .../getMe | wrangler secret put BOT_INFO`.
      return parsed?.ok === true && parsed.result ? parsed.result : parsed;
    } catch {
      ctx.addIssue({ code: "custom", message: `${BOT_INFO_HINT} (it is not JSON)` });
      return z.NEVER;
    }
  })
  .pipe(
    z.looseObject(
      {
        id: z.number(BOT_INFO_FIELD).int(BOT_INFO_FIELD).positive(BOT_INFO_FIELD),
        is_bot: z.literal(true, BOT_INFO_FIELD),
        first_name: z.string(BOT_INFO_FIELD).min(1, BOT_INFO_FIELD),
        username: z.string(BOT_INFO_FIELD).min(1, BOT_INFO_FIELD),
      },
      BOT_INFO_HINT,
    ),
  );

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  BOT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC... (the token BotFather gives you)")
      .optional(),
  ),
  BOT_INFO: optionalString.pipe(botInfo.optional()),
  TELEGRAM_API_ROOT: z.url("must be a URL such as https://api.telegram.org").default("https://api.telegram.org"),
  WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z, a-z, 0-9, _ or - (Telegram's rule)")
      .optional(),
  ),
  PUBLIC_URL: optionalString.pipe(z.url("must be the public https:// address of this server").optional()),
  BOT_MODE: z.enum(["webhook", "polling"], "must be webhook or polling").default("webhook"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave it empty for the embedded database)")
      .optional(),
  ),
  DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number("must be a number").int().min(1).max(65535).default(3000),
  APP_SECRET: optionalString.pipe(
    z
      .string()
      .min(32, "must be at least 32 characters (use: openssl rand -hex 32)")
      // "aaaa…" or "1234…" is long but guessable: a random secret has many different characters.
      .refine((v) => new Set(v).size >= 12, "looks guessable (too few different characters); use: openssl rand -hex 32")
      .optional(),
  ),
  STAFF_CHAT_ID: optionalString.pipe(
    z
      .string()
      .regex(/^-?\d+$/, "must be a Telegram chat id such as -1001234567890")
      .optional(),
  ),
  STAFF_CHATS: z.string().default(""),
  STAFF_GROUP_DETAIL: z
    .enum(
      ["summary", "full"],
      "must be summary (case number, priority, category, region, age, flags, due time: never the child's words) or full (the child's words too)",
    )
    .default("summary"),
  STAFF_USER_IDS: z
    .string()
    .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, "must be Telegram user ids separated by commas")
    .default(""),
  STAFF_LANGUAGE: z.enum(["kk", "ru", "en"], "must be kk, ru or en").default("ru"),
  CONSOLE_TIME_ZONE: z.string().trim().refine(isTimeZone, "must be an IANA time zone name such as Asia/Almaty").default("Asia/Almaty"),
  SLA_HOURS: z
    .string()
    .regex(/^\s*urgent=\d+\s*,\s*high=\d+\s*,\s*normal=\d+\s*,\s*low=\d+\s*$/, "must look like urgent=1,high=24,normal=72,low=168")
    .default("urgent=1,high=24,normal=72,low=168"),
  STAFF_POSTS_PER_MINUTE: z.coerce.number("must be a number").int().min(1).max(60).default(15),
  FLOOD_LIMIT: z.coerce.number("must be a number").int().min(1).max(10_000).default(30),
  RETENTION_DAYS: z.coerce.number("must be a number of days").int().min(1).max(3650).default(90),
  TELEGRAM_TIMEOUT_SECONDS: z.coerce.number("must be a number of seconds").int().min(1).max(50).default(10),
  TRUST_PROXY: z.coerce.number("must be the number of proxies in front of the server").int().min(0).max(5).default(0),
  UPDATE_HOLD_SECONDS: z.coerce.number("must be a number of seconds").int().min(1).max(3600).default(90),
  SIMULATOR: z.enum(["auto", "on", "off"], "must be auto, on or off").default("auto"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  env: "development" | "production" | "test";
  botToken: string | undefined;
  /** The bot's identity (BOT_INFO, getMe's answer): when set, getMe is never called. */
  botInfo: UserFromGetMe | undefined;
  telegramApiRoot: string;
  webhookSecret: string | undefined;
  publicUrl: string | undefined;
  botMode: "webhook" | "polling";
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  appSecret: string | undefined;
  /** The staff group for every report (STAFF_CHAT_ID), or STAFF_CHATS' `*`. */
  staffChatId: string | undefined;
  /**
   * Staff groups by region (STAFF_CHATS): region key → chat id; `*` is the group for reports
   * without a region or whose region has no group of its own, and for alerts. Empty: one group.
   */
  staffChats: Record<string, string>;
  /** What a post in a staff group shows: a summary (the child's words only in the console) or everything. */
  staffGroupDetail: "summary" | "full";
  /** Telegram users allowed to act on reports in the staff group (hashed before use). */
  staffUserIds: number[];
  staffLanguage: "kk" | "ru" | "en";
  /** The time zone the console shows every time in (CONSOLE_TIME_ZONE, an IANA name). */
  consoleTimeZone: string;
  /** Posts per minute in the staff group before new non-urgent reports share a digest. */
  staffPostsPerMinute: number;
  /** Hours to first response, by priority. */
  slaHours: { URGENT: number; HIGH: number; NORMAL: number; LOW: number };
  /** Updates one person may send in 10 seconds before the rest are dropped for a moment. */
  floodLimit: number;
  /** Closed cases' content is deleted after this many days; anonymous statistics stay. */
  retentionDays: number;
  /** A Bot API call that has not answered by then fails (the update is then delivered again). */
  telegramTimeoutSeconds: number;
  /** An update claimed by a process that died is taken over after this long. */
  updateHoldSeconds: number;
  /** How many reverse proxies in front of the server append to X-Forwarded-For (0: none, trust no header). */
  trustProxy: number;
  /** The local Telegram simulator: on when no BOT_TOKEN is set, unless switched off. */
  simulator: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** A zone this runtime's Intl knows (an unknown one throws a RangeError). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name !== "";
  } catch {
    return false;
  }
}

/** Parses the environment once; throws a ConfigError listing every problem at once. */
export function createConfig(input: ConfigInput): Config {
  const parsed = schema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "config"} ${i.message}`)),
    ...crossFieldProblems(input),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const v = parsed.data;
  return {
    env: v.NODE_ENV,
    botToken: v.BOT_TOKEN,
    // Checked above for the fields grammY reads; the rest is passed on as Telegram sent it.
    botInfo: v.BOT_INFO as UserFromGetMe | undefined,
    telegramApiRoot: v.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    webhookSecret: v.WEBHOOK_SECRET,
    publicUrl: v.PUBLIC_URL?.replace(/\/+$/, ""),
    botMode: v.BOT_MODE,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.DATA_DIR,
    port: v.PORT,
    appSecret: v.APP_SECRET,
    staffChatId: v.STAFF_CHAT_ID ?? parseStaffChats(v.STAFF_CHATS).chats["*"],
    staffChats: parseStaffChats(v.STAFF_CHATS).chats,
    staffGroupDetail: v.STAFF_GROUP_DETAIL,
    staffUserIds: v.STAFF_USER_IDS.split(",")
      .map((x) => x.trim())
      .filter(Boolean)
      .map(Number),
    staffLanguage: v.STAFF_LANGUAGE,
    consoleTimeZone: v.CONSOLE_TIME_ZONE,
    staffPostsPerMinute: v.STAFF_POSTS_PER_MINUTE,
    slaHours: parseSla(v.SLA_HOURS),
    floodLimit: v.FLOOD_LIMIT,
    retentionDays: v.RETENTION_DAYS,
    telegramTimeoutSeconds: v.TELEGRAM_TIMEOUT_SECONDS,
    updateHoldSeconds: v.UPDATE_HOLD_SECONDS,
    trustProxy: v.TRUST_PROXY,
    simulator: v.SIMULATOR === "on" || (v.SIMULATOR === "auto" && !v.BOT_TOKEN),
    logLevel: v.LOG_LEVEL,
  };
}

// Checked on the raw input so they are reported together with the per-field problems.
function crossFieldProblems(input: ConfigInput): string[] {
  const set = (name: string) => (input[name]?.trim() ?? "") !== "";
  const problems: string[] = [];
  if (input.NODE_ENV === "production" && !set("APP_SECRET")) problems.push("APP_SECRET is required in production");
  // The simulator has no sign-in and a simulated staff member: it must never face real users.
  const simulator = input.SIMULATOR?.trim() || "auto";
  if (input.NODE_ENV === "production" && (simulator === "on" || (simulator === "auto" && !set("BOT_TOKEN")))) {
    problems.push(
      "the simulator is for development only: in production set BOT_TOKEN (and WEBHOOK_SECRET), or SIMULATOR=off; to try the bot locally use NODE_ENV=development",
    );
  }
  const mode = input.BOT_MODE?.trim() || "webhook";
  if (set("BOT_TOKEN") && mode === "webhook" && !set("WEBHOOK_SECRET")) {
    problems.push("WEBHOOK_SECRET is required when BOT_TOKEN is set in webhook mode");
  }
  const staffChats = parseStaffChats(input.STAFF_CHATS ?? "");
  problems.push(...staffChats.problems);
  const star = staffChats.chats["*"];
  const single = input.STAFF_CHAT_ID?.trim();
  if (star !== undefined && single && star !== single) {
    problems.push(
      `STAFF_CHAT_ID (${single}) and STAFF_CHATS' * (${star}) disagree: set the default group in one place (STAFF_CHATS' * replaces STAFF_CHAT_ID)`,
    );
  }
  if (staffChats.problems.length === 0 && Object.keys(staffChats.chats).length > 0 && star === undefined && !single) {
    problems.push(
      "STAFF_CHATS needs a default group, *=<chat id> (or STAFF_CHAT_ID), for reports without a region or whose region has no group, and for urgent alerts",
    );
  }
  const infoId = botInfoId(input.BOT_INFO);
  const tokenId = input.BOT_TOKEN?.trim().split(":")[0];
  if (infoId !== undefined && tokenId && /^\d+$/.test(tokenId) && String(infoId) !== tokenId) {
    problems.push(`BOT_INFO is bot ${infoId} but BOT_TOKEN is bot ${tokenId}: take BOT_INFO from getMe with this token`);
  }
  if (set("PUBLIC_URL") && mode === "polling") problems.push("PUBLIC_URL cannot be used with BOT_MODE=polling");
  return problems;
}

function botInfoId(text: string | undefined): unknown {
  try {
    const parsed = text?.trim() ? (JSON.parse(text) as { id?: unknown; result?: { id?: unknown } }) : undefined;
    return parsed?.result?.id ?? parsed?.id;
  } catch {
    return undefined; // reported by the schema
  }
}

/**
 * STAFF_CHATS: `almaty=-100111,astana=-100222,*=-100333`. Every problem is reported, each naming
 * the entry, so a typo in a region is found before a report goes to the wrong group.
 */
function parseStaffChats(text: string): { chats: Record<string, string>; problems: string[] } {
  const chats: Record<string, string> = {};
  const problems: string[] = [];
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const match = /^([^=\s]+)\s*=\s*(\S*)$/.exec(entry);
    if (!match) {
      problems.push(`STAFF_CHATS entry "${entry}" must look like region=chat id, e.g. almaty=-1001234567890 (use * for the default group)`);
      continue;
    }
    const [, key, chat] = match as unknown as [string, string, string];
    if (key !== "*" && !(regions as readonly string[]).includes(key)) {
      problems.push(`STAFF_CHATS entry "${entry}": unknown region "${key}"; use * or one of ${regions.join(", ")}`);
    } else if (!/^-?\d+$/.test(chat)) {
      problems.push(`STAFF_CHATS entry "${entry}": "${chat}" must be a Telegram chat id such as -1001234567890`);
    } else if (key in chats) {
      problems.push(`STAFF_CHATS names ${key} twice`);
    } else {
      chats[key] = chat;
    }
  }
  return { chats, problems };
}

function parseSla(text: string): Config["slaHours"] {
  const hours = Object.fromEntries(
    text
      .split(",")
      .map((part) => part.trim().split("="))
      .map(([k, v]) => [k!.toUpperCase(), Number(v)]),
  );
  return { URGENT: hours.URGENT!, HIGH: hours.HIGH!, NORMAL: hours.NORMAL!, LOW: hours.LOW! };
}
