// When the database cannot be reached, a child still gets help, and other requests get a
// kind apology with the help contacts instead of silence.
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

  it("the help button works too", async () => {
    const child = h.user({ id: 6_200_001, language_code: "ru" });
    await child.send("/start");
    expect(child.lastBotMessage().text).toBe(common.ru.errors.generic);
    await child.press(common.ru.nav.help);
    expect(child.lastBotMessage().text).toBe(common.ru.help.text);
  });
});
