import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config.ts";

describe("createConfig", () => {
  it("runs with no settings at all: embedded database, simulator on, port 3000", () => {
    const c = createConfig({});
    expect(c).toMatchObject({
      botToken: undefined,
      databaseUrl: undefined,
      simulator: true,
      port: 3000,
      botMode: "webhook",
      telegramApiRoot: "https://api.telegram.org",
    });
  });

  it("reports every problem at once, in plain words", () => {
    try {
      createConfig({ NODE_ENV: "production", PORT: "eighty", BOT_TOKEN: "nope", DATABASE_URL: "mysql://x", BOT_MODE: "carrier-pigeon" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join("\n");
      expect(problems).toContain("PORT must be a number");
      expect(problems).toContain("BOT_TOKEN must look like");
      expect(problems).toContain("DATABASE_URL must start with postgres://");
      expect(problems).toContain("BOT_MODE must be webhook or polling");
      expect(problems).toContain("APP_SECRET is required in production");
    }
  });

  it("needs a webhook secret for a real bot in webhook mode", () => {
    expect(() => createConfig({ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" })).toThrow(
      /WEBHOOK_SECRET is required when BOT_TOKEN is set/,
    );
    expect(createConfig({ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", BOT_MODE: "polling" }).botMode).toBe("polling");
  });

  it("turns the simulator off when a real token is set, unless asked for", () => {
    const env = { BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", WEBHOOK_SECRET: "a".repeat(20) };
    expect(createConfig(env).simulator).toBe(false);
    expect(createConfig({ ...env, SIMULATOR: "on" }).simulator).toBe(true);
  });

  it("refuses to serve the simulator in production, with a clear way out", () => {
    const prod = { NODE_ENV: "production", APP_SECRET: "3f9c1a7e5b2d8f4c6a0e9b7d1c3f5a7e" };
    expect(() => createConfig(prod)).toThrow(/simulator is for development only/);
    expect(() =>
      createConfig({ ...prod, BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", WEBHOOK_SECRET: "a".repeat(20), SIMULATOR: "on" }),
    ).toThrow(/simulator is for development only/);
    expect(createConfig({ ...prod, BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", WEBHOOK_SECRET: "a".repeat(20) }).simulator).toBe(false);
    expect(createConfig({ ...prod, SIMULATOR: "off" }).simulator).toBe(false);
  });

  it("refuses an APP_SECRET that is long but guessable", () => {
    expect(() => createConfig({ APP_SECRET: "a".repeat(40) })).toThrow(/looks guessable/);
    expect(() => createConfig({ APP_SECRET: "0123456789".repeat(4) })).toThrow(/looks guessable/);
    expect(createConfig({ APP_SECRET: "3f9c1a7e5b2d8f4c6a0e9b7d1c3f5a7e" }).appSecret).toBe("3f9c1a7e5b2d8f4c6a0e9b7d1c3f5a7e");
  });

  it("treats empty values as unset (as in a copied .env.example)", () => {
    expect(createConfig({ BOT_TOKEN: "", DATABASE_URL: " ", PUBLIC_URL: "" })).toMatchObject({
      botToken: undefined,
      databaseUrl: undefined,
      publicUrl: undefined,
    });
  });
});
