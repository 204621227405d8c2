// When the database cannot be reached, a child still gets help and the quick exit, and other
// updates answer 500 so Telegram delivers them again: the child's words are not lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common } from "../harness/locales.ts";
import { openDatabase } from "../../src/db/client.ts";

let h: Harness;
beforeAll(async () => {
  // Nothing listens on port 1: every query fails at once, as with a database that is down.
  const dead = await openDatabase({ kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none" });
  h = await createHarness({ database: { ...dead, label: "unreachable" } });
});
afterAll(() => h.close());

describe("database down", () => {
  it("healthz says so with 503", async () => {
    const res = await h.app.http.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", database: "down" });
  });

  it.each(["kk", "ru", "en"] as const)("/help still shows the contacts in %s", async (lang) => {
    const child = h.user({ id: 6_100_000 + lang.length, language_code: lang });
    await child.send("/help");
    expect(child.lastBotMessage().text).toBe(common[lang].help.text);
  });

  it("anything else answers 500, so Telegram delivers it again later; the child hears of the delay, with help one tap away", async () => {
    const child = h.user({ id: 6_200_001, language_code: "ru" });
    const res = await h.deliver(h.updates.text(child.profile, "в школе меня бьют старшеклассники"));
    expect(res.status).toBe(500);
    expect(child.lastBotMessage().text).toBe(common.ru.errors.delayed);
    await child.press(common.ru.nav.help);
    expect(child.lastBotMessage().text).toBe(common.ru.help.text);
  });

  it("the quick exit still clears what is on screen", async () => {
    const child = h.user({ id: 6_200_002, language_code: "en" });
    await child.send("/help");
    const res = await h.deliver(h.updates.text(child.profile, "/hide"));
    expect(res.status).toBe(200);
    // Without the session it cannot know older messages; the command itself is gone, and the
    // neutral line is the last thing on screen.
    expect(child.chat().some((m) => m.text === "/hide")).toBe(false);
    expect(child.lastBotMessage().text).toBe(common.en.quick_exit.done);
  });
});
