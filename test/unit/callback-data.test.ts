// The callback data codec: every kind of button reads back as itself, fits Telegram's 64 bytes,
// and the buttons already on children's screens (written before the version byte) still read.
import { describe, expect, it } from "vitest";
import {
  callbackBytes,
  CALLBACK_DATA_MAX_BYTES,
  decodeCallback,
  encodeCallback,
  isLifelineButton,
  type CallbackPayload,
} from "../../src/bot/callback-data.ts";

const uuid = "0f8c2a4e-1b2c-4d3e-8f90-123456789abc";

// One payload of every kind, with its longest realistic values.
const samples: CallbackPayload[] = [
  { kind: "nav.help" },
  { kind: "nav.menu" },
  { kind: "nav.language" },
  { kind: "nav.resume" },
  { kind: "nav.reports" },
  { kind: "quickExit" },
  { kind: "forget", confirm: true },
  { kind: "forget", confirm: false },
  { kind: "flow", flow: "report", step: "safe", button: "safe_no" },
  { kind: "report.code" },
  { kind: "report.view", id: uuid },
  { kind: "report.add", id: uuid },
  { kind: "report.message", id: uuid },
  { kind: "report.held", send: true },
  { kind: "report.held", send: false },
  { kind: "rights.themes" },
  { kind: "rights.ask" },
  { kind: "rights.crisis" },
  { kind: "rights.report" },
  { kind: "rights.group", group: "identity" },
  { kind: "rights.topic", topic: "bullying_online" },
  { kind: "rights.more", topic: "bullying_online" },
  { kind: "rights.helped", topic: "bullying_online", helped: true },
  { kind: "rights.helped", topic: "bullying_online", helped: false },
  { kind: "quiz.start" },
  { kind: "quiz.satisfaction" },
  { kind: "quiz.answer", index: 11, choice: 2 },
  { kind: "quiz.question", index: 0 },
  { kind: "quiz.rated", rating: "partly" },
  { kind: "quiz.region", region: "north_kazakhstan" },
  { kind: "quiz.age", region: "north_kazakhstan", band: "AGE_13_15" },
  { kind: "quiz.age", region: "skip", band: "skip" },
  { kind: "region.choose" },
  { kind: "region.show", region: "east_kazakhstan" },
  { kind: "listen.tell" },
  { kind: "listen.mayWrite", signal: uuid },
  { kind: "listen.reply", message: uuid },
  { kind: "staff.claim", report: 123456 },
  { kind: "staff.spam", report: 1 },
  { kind: "staff.block", report: 99 },
  { kind: "staff.noop", report: 7 },
  { kind: "staff.priority", report: 123456, priority: "URGENT" },
];

describe("callback data", () => {
  it.each(samples.map((p) => [encodeCallback(p), p] as const))(
    "%s reads back as what it was written from, within 64 bytes",
    (data, payload) => {
      expect(data.startsWith("1")).toBe(true);
      expect(callbackBytes(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(decodeCallback(data)).toEqual(payload);
    },
  );

  it("reads the buttons of the old format (no version byte) already in children's chats", () => {
    expect(decodeCallback("nav:help")).toEqual({ kind: "nav.help" });
    expect(decodeCallback("qx")).toEqual({ kind: "quickExit" });
    expect(decodeCallback("hr:choose")).toEqual({ kind: "region.choose" });
    expect(decodeCallback("hr:almaty")).toEqual({ kind: "region.show", region: "almaty" });
    expect(decodeCallback(`fu:view:${uuid}`)).toEqual({ kind: "report.view", id: uuid });
    expect(decodeCallback("fu:held:drop")).toEqual({ kind: "report.held", send: false });
    expect(decodeCallback("rt:f:bullying:1")).toEqual({ kind: "rights.helped", topic: "bullying", helped: true });
    expect(decodeCallback("qz:a:3:1")).toEqual({ kind: "quiz.answer", index: 3, choice: 1 });
    expect(decodeCallback("qz:g:skip:AGE_10_12")).toEqual({ kind: "quiz.age", region: "skip", band: "AGE_10_12" });
    expect(decodeCallback("st:prio:42:HIGH")).toEqual({ kind: "staff.priority", report: 42, priority: "HIGH" });
    expect(decodeCallback("f:report:safe:safe_no")).toEqual({ kind: "flow", flow: "report", step: "safe", button: "safe_no" });
  });

  it("reads nothing from data that is malformed, of an unknown kind or of a future version", () => {
    for (const data of [
      "",
      "1",
      "nav:nowhere",
      "1nav",
      "st:prio:42:SOON",
      "st:claim:x",
      `fu:view:${uuid}x`,
      "rt:f:bullying:2",
      "zz:1",
      "2nav:help",
      "forget:maybe",
      "1qx:extra",
    ]) {
      expect(decodeCallback(data), data).toBeUndefined();
    }
  });

  it("knows help and the quick exit as lifelines, old buttons too", () => {
    for (const data of ["1nav:help", "nav:help", "1qx", "qx"]) expect(isLifelineButton(data), data).toBe(true);
    for (const data of ["1nav:menu", "nav:menu", "1f:report:intro:start", "x"]) expect(isLifelineButton(data), data).toBe(false);
  });

  it("refuses to write a button Telegram would refuse", () => {
    expect(() => encodeCallback({ kind: "flow", flow: "a".repeat(24), step: "b".repeat(24), button: "c".repeat(24) })).toThrow(
      /longer than Telegram's 64 bytes/,
    );
  });
});
