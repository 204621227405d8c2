// Deadlines as staff read them: the zone's own date and 24-hour time, with the offset written out.
import { describe, expect, it } from "vitest";
import { localDateTime, utcOffset } from "../../src/domain/local-time.ts";

describe("local time", () => {
  const lateEvening = new Date("2026-11-29T22:15:00Z");

  it("moves to the next day in Almaty (UTC+5) and keeps a 24-hour clock", () => {
    expect(localDateTime("Asia/Almaty", lateEvening)).toBe("2026-11-30 03:15 (UTC+5)");
    expect(localDateTime("Asia/Almaty", new Date("2026-11-29T19:00:00Z"))).toBe("2026-11-30 00:00 (UTC+5)");
  });

  it("writes half-hour offsets and UTC itself", () => {
    expect(localDateTime("America/St_Johns", lateEvening)).toBe("2026-11-29 18:45 (UTC-3:30)");
    expect(localDateTime("UTC", lateEvening)).toBe("2026-11-29 22:15 (UTC)");
    expect(utcOffset("Etc/UTC", lateEvening)).toBe("UTC");
  });
});
