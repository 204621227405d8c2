// BOT_INFO: the bot's identity given to the app (a Worker then never calls getMe per update).
import { describe, expect, it } from "vitest";
import { createConfig } from "../../src/config.ts";

const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const secret = "a_webhook_secret_0123456789";
const me = { id: 123456, is_bot: true, first_name: "Bala Help", username: "bala_help_bot", can_join_groups: true };

describe("BOT_INFO", () => {
  it("takes getMe's result, or getMe's whole answer as curl prints it", () => {
    expect(createConfig({ BOT_TOKEN: token, WEBHOOK_SECRET: secret, BOT_INFO: JSON.stringify(me) }).botInfo).toEqual(me);
    expect(createConfig({ BOT_TOKEN: token, WEBHOOK_SECRET: secret, BOT_INFO: JSON.stringify({ ok: true, result: me }) }).botInfo).toEqual(
      me,
    );
    expect(createConfig({ BOT_TOKEN: token, WEBHOOK_SECRET: secret, BOT_INFO: "" }).botInfo).toBeUndefined();
  });

  it("refuses what is not getMe's answer, and another bot's identity, saying what to do", () => {
    expect(() => createConfig({ BOT_INFO: "{id: 1" })).toThrow(/BOT_INFO must be the JSON that getMe returns.*not JSON/);
    expect(() => createConfig({ BOT_INFO: JSON.stringify({ id: 1, first_name: "x" }) })).toThrow(
      /BOT_INFO.is_bot is missing or wrong: BOT_INFO must be the JSON that getMe returns/,
    );
    expect(() => createConfig({ BOT_TOKEN: token, WEBHOOK_SECRET: secret, BOT_INFO: JSON.stringify({ ...me, id: 999 }) })).toThrow(
      /BOT_INFO is bot 999 but BOT_TOKEN is bot 123456/,
    );
  });
});
