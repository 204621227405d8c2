import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common } from "../harness/locales.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("a restart in the middle of a conversation", () => {
  it("resumes where the child was: the session lives in the database", async () => {
    const t = common.kk;
    const child = h.user({ id: 4_400_001, language_code: "kk" });
    await child.send("/start");
    await child.press(t.onboarding.continue);

    // A new server process: new app, new bot, same database (and the same Telegram).
    const restarted = h.restart();
    const again = restarted.user(child.profile);
    const calls = await again.press(t.onboarding.understood);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBeUndefined();
    expect(again.lastBotMessage().text).toBe(t.menu.main);
  });

  it("keeps the session encrypted at rest", async () => {
    const rows = await h.db.session.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.value).toMatch(/^"v1\./);
      expect(row.value).not.toContain("onboarding");
    }
  });
});
