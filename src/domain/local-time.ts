// A moment as the ombudsman's staff read it: in their time zone (CONSOLE_TIME_ZONE), with the
// offset written out, so that a deadline read in the staff group at 3 a.m. needs no arithmetic.

/** "UTC+5", "UTC-3:30", "UTC" for the zone at that moment. */
export function utcOffset(timeZone: string, d: Date): string {
  const name =
    new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "shortOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")
      ?.value ?? "GMT";
  return name === "GMT" || name === "GMT+0" ? "UTC" : name.replace(/^GMT/, "UTC");
}

// One formatter per zone (the console and the staff group use one zone): building one costs more
// than formatting with it.
const formats = new Map<string, Intl.DateTimeFormat>();

/** The date and 24-hour time of a moment in the zone, as parts: year, month, day, hour, minute. */
export function zoneParts(timeZone: string, d: Date): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
}

/** "2026-11-30 03:15 (UTC+5)": the date and the 24-hour time in the zone, and its offset. */
export function localDateTime(timeZone: string, d: Date): string {
  const p = zoneParts(timeZone, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${utcOffset(timeZone, d)})`;
}
