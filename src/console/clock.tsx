// Times in the console: every date in the ombudsman's time zone (CONSOLE_TIME_ZONE), labelled with
// its place and UTC offset, and deadlines as "due in 35 min" / "overdue 2 hr". Intl only, so the
// same code runs on Node and Workers. The offset comes from the runtime's time-zone data: all of
// Kazakhstan moved to UTC+5 on 1 March 2024, and an out-of-date runtime would say UTC+6 (and the
// label would say so too, rather than hide it).
import type { MiddlewareHandler } from "hono";
import { createContext, useContext } from "hono/jsx";
import type { Translate } from "../i18n/i18n.js";
import type { ConsoleDeps, ConsoleEnv } from "./context.js";
import { utcOffset, zoneParts } from "../domain/local-time.js";

export { utcOffset };

export const DEFAULT_TIME_ZONE = "Asia/Almaty";

export interface Clock {
  timeZone: string;
  lang: string;
  /** "2026-03-05 14:05", in the zone. */
  at(d: Date): string;
  /** "14:05", in the zone. */
  time(d: Date): string;
  /** "Almaty, UTC+5": the place and the offset in force at `d` (now by default). */
  zone(d?: Date): string;
  /** "due in 35 min" or "overdue 2 hr", and which. */
  countdown(due: Date, now: Date): { text: string; overdue: boolean };
  /** "35 min", "2 hr 10 min", "3 days 4 hr". */
  duration(ms: number): string;
}

/**
 * A length of time in the largest units that keep it readable: minutes under an hour, hours and
 * minutes under ten hours, hours under a day, then days and hours. The page's script has the same
 * rules (clock-script.ts); a unit test holds the two together.
 */
export function formatDuration(ms: number, lang: string): string {
  const unit = (value: number, u: "minute" | "hour" | "day") =>
    new Intl.NumberFormat(lang, { style: "unit", unit: u, unitDisplay: "short" }).format(value);
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return unit(minutes, "minute");
  if (minutes < 10 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${unit(h, "hour")} ${unit(m, "minute")}` : unit(h, "hour");
  }
  const hours = Math.round(minutes / 60);
  if (hours < 24) return unit(hours, "hour");
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${unit(d, "day")} ${unit(h, "hour")}` : unit(d, "day");
}

/** The place people know the zone by: "Almaty" in English, "Алматы" in Russian, from Intl's data. */
export function zonePlace(timeZone: string, lang: string, d: Date): string {
  const city = timeZone.split("/").at(-1)!.replace(/_/g, " ");
  if (lang === "en" || timeZone === "UTC") return city;
  try {
    const generic = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: "shortGeneric" })
      .formatToParts(d)
      .find((p) => p.type === "timeZoneName")?.value;
    return generic && !/^(GMT|UTC)/.test(generic) ? generic : city;
  } catch {
    return city;
  }
}

/** The two countdown texts, in the page's language. */
type CountdownWords = (key: "console:due_in" | "console:overdue_by", options: { time: string }) => string;

export function createClock(timeZone: string, lang: string, t: CountdownWords): Clock {
  const pieces = (d: Date) => zoneParts(timeZone, d);
  const clock: Clock = {
    timeZone,
    lang,
    at(d) {
      const p = pieces(d);
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    },
    time(d) {
      const p = pieces(d);
      return `${p.hour}:${p.minute}`;
    },
    zone: (d = new Date()) => `${zonePlace(timeZone, lang, d)}, ${utcOffset(timeZone, d)}`,
    duration: (ms) => formatDuration(ms, lang),
    countdown(due, now) {
      const ms = due.getTime() - now.getTime();
      const overdue = ms < 0;
      return { overdue, text: t(overdue ? "console:overdue_by" : "console:due_in", { time: formatDuration(ms, lang) }) };
    },
  };
  return clock;
}

/** Clocks per language for one zone: Intl formatters are built once, not per request. */
export function createClocks(timeZone: string, i18n: { t(lang: "kk" | "ru" | "en"): Translate }) {
  const made = new Map<string, Clock>();
  return (lang: "kk" | "ru" | "en") => {
    let clock = made.get(lang);
    if (!clock) made.set(lang, (clock = createClock(timeZone, lang, i18n.t(lang))));
    return clock;
  };
}

/**
 * The request's clock, given to every view by the page frame (routes wrap each page in a
 * provider), so a view formats a time without each page passing the zone down.
 */
export const ClockContext = createContext<Clock | undefined>(undefined);

// Outside a provider (a page rendered without the frame's clock) times still come out in the
// default zone, never in the server's own.
const fallback = createClock(DEFAULT_TIME_ZONE, "en", (key, { time }) => (key === "console:due_in" ? `due in ${time}` : `overdue ${time}`));
export function useClock(): Clock {
  return useContext(ClockContext) ?? fallback;
}

/** A moment as the console shows it, with the exact instant for machines and a tooltip with the zone. */
export function Time({ at }: { at: Date }) {
  const clock = useClock();
  return (
    <time datetime={at.toISOString()} title={`${clock.at(at)} (${clock.zone(at)})`}>
      {clock.at(at)}
    </time>
  );
}

/**
 * A deadline: the local time, its zone, and a countdown the page's script keeps current
 * ("due in 35 min", then "overdue 2 min" once it passes). `open` is false once the child has
 * had an answer or the case is closed: then only the time is shown.
 */
export function Deadline({ due, now, open, zone = true }: { due: Date; now: Date; open: boolean; zone?: boolean }) {
  const clock = useClock();
  const countdown = clock.countdown(due, now);
  return (
    <span class="deadline">
      <time datetime={due.toISOString()} title={`${clock.at(due)} (${clock.zone(due)})`}>
        {clock.at(due)}
      </time>
      {zone && <span class="muted"> ({clock.zone(due)})</span>}
      {open && (
        <>
          {" "}
          <span class={`countdown${countdown.overdue ? " late" : ""}`} data-due={due.toISOString()}>
            {countdown.text}
          </span>
        </>
      )}
    </span>
  );
}

/**
 * One line in the page frame saying which zone the times are in, carrying what the script needs
 * to keep countdowns current in the page's language.
 */
export function ZoneNote({ t }: { t: Translate }) {
  const clock = useContext(ClockContext);
  if (!clock) return null;
  return (
    <span
      id="clock"
      class="zone"
      data-lang={clock.lang}
      data-due-in={t("console:due_in", { time: "{time}" })}
      data-overdue={t("console:overdue_by", { time: "{time}" })}
    >
      {t("console:time_zone_note", { zone: clock.zone() })}
    </span>
  );
}

/** Puts the request's clock (the console's zone, the page's language) on the context as `clock`. */
export function clockMiddleware(deps: Pick<ConsoleDeps, "timeZone" | "i18n">): MiddlewareHandler<ConsoleEnv> {
  const clockFor = createClocks(deps.timeZone ?? DEFAULT_TIME_ZONE, deps.i18n);
  return async (c, next) => {
    c.set("clock", clockFor(c.get("lang")));
    await next();
  };
}
