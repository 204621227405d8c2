// Times in the console: the ombudsman's zone, labelled honestly, and countdowns whose words are
// the same whether the server wrote them or the page's script updated them a minute later.
import { describe, expect, it } from "vitest";
import { createClock, formatDuration, utcOffset, zonePlace } from "../../src/console/clock.tsx";
import { durationScript } from "../../src/console/static-live.ts";
import { createI18n } from "../../src/i18n/i18n.ts";

const i18n = createI18n();
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("the console's clock", () => {
  it("knows Kazakhstan moved to one zone, UTC+5, on 1 March 2024", () => {
    expect(utcOffset("Asia/Almaty", new Date("2024-02-29T17:59:00Z"))).toBe("UTC+6");
    expect(utcOffset("Asia/Almaty", new Date("2024-02-29T18:00:00Z"))).toBe("UTC+5");
    expect(utcOffset("Asia/Almaty", new Date("2026-07-01T00:00:00Z"))).toBe("UTC+5");
    expect(utcOffset("UTC", new Date())).toBe("UTC");
  });

  it("shows a moment in the zone and names the zone in the page's language", () => {
    const at = new Date("2026-03-05T09:05:00Z");
    const en = createClock("Asia/Almaty", "en", i18n.t("en"));
    expect(en.at(at)).toBe("2026-03-05 14:05");
    expect(en.time(at)).toBe("14:05");
    expect(en.zone(at)).toBe("Almaty, UTC+5");
    expect(createClock("Asia/Almaty", "ru", i18n.t("ru")).zone(at)).toBe("Алматы, UTC+5");
    expect(zonePlace("Asia/Almaty", "kk", at)).toMatch(/^Алматы/);
    // Past midnight in Almaty is the next day, whatever the server's own zone.
    expect(en.at(new Date("2026-03-05T19:30:00Z"))).toBe("2026-03-06 00:30");
    expect(createClock("Europe/Berlin", "en", i18n.t("en")).zone(new Date("2026-07-01T12:00:00Z"))).toBe("Berlin, UTC+2");
  });

  it("counts down to a deadline and past it, in kk, ru and en", () => {
    const now = new Date("2026-03-05T09:00:00Z");
    const due = (ms: number) => new Date(now.getTime() + ms);
    const en = createClock("Asia/Almaty", "en", i18n.t("en"));
    expect(en.countdown(due(35 * MIN), now)).toEqual({ overdue: false, text: "due in 35 min" });
    expect(en.countdown(due(-2 * HOUR), now)).toEqual({ overdue: true, text: "overdue 2 hr" });
    expect(createClock("Asia/Almaty", "ru", i18n.t("ru")).countdown(due(35 * MIN), now).text).toBe("срок через 35 мин");
    expect(createClock("Asia/Almaty", "ru", i18n.t("ru")).countdown(due(-2 * HOUR), now).text).toBe("просрочено на 2 ч");
    expect(createClock("Asia/Almaty", "kk", i18n.t("kk")).countdown(due(35 * MIN), now).text).toBe("мерзімге 35 мин қалды");
    expect(createClock("Asia/Almaty", "kk", i18n.t("kk")).countdown(due(-2 * HOUR), now).text).toBe("мерзімі 2 сағ бұрын өтті");
  });

  it("uses minutes under an hour, hours and minutes under ten hours, then hours, then days", () => {
    expect(formatDuration(20_000, "en")).toBe("1 min");
    expect(formatDuration(6 * MIN, "en")).toBe("6 min");
    expect(formatDuration(59 * MIN, "en")).toBe("59 min");
    expect(formatDuration(80 * MIN, "en")).toBe("1 hr 20 min");
    expect(formatDuration(2 * HOUR, "en")).toBe("2 hr");
    expect(formatDuration(13.4 * HOUR, "en")).toBe("13 hr");
    expect(formatDuration(76 * HOUR, "en")).toBe("3 days 4 hr");
    expect(formatDuration(-90 * MIN, "ru")).toBe("1 ч 30 мин");
  });

  it("the page's script words a countdown exactly as the server does", () => {
    const script = new Function(`${durationScript}; return formatDuration;`)() as (ms: number, lang: string) => string;
    const lengths = [
      1,
      30_000,
      59 * MIN,
      60 * MIN,
      61 * MIN,
      9 * HOUR + 59 * MIN,
      10 * HOUR,
      23.6 * HOUR,
      24 * HOUR,
      50 * HOUR,
      168 * HOUR,
      400 * HOUR,
    ];
    for (const lang of ["kk", "ru", "en"]) {
      for (const ms of [...lengths, ...lengths.map((x) => -x)]) expect(script(ms, lang), `${lang} ${ms}`).toBe(formatDuration(ms, lang));
    }
  });
});
