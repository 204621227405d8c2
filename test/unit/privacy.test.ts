import { describe, expect, it } from "vitest";
import { createPseudonymizer } from "../../src/domain/privacy/pseudonym.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";

const secret = "unit-test-secret-0123456789abcdef0123456789";

describe("pseudonyms", () => {
  it("are stable for one person, different between people and between secrets, and hide the id", async () => {
    const p = createPseudonymizer(secret);
    const a = await p.forUser(123456789);
    expect(await p.forUser(123456789)).toBe(a);
    expect(await p.forUser(123456790)).not.toBe(a);
    expect(await createPseudonymizer(secret + "x").forUser(123456789)).not.toBe(a);
    expect(a).toMatch(/^[\w-]{32}$/);
    expect(a).not.toContain("123456789");
  });
});

describe("encryption at rest", () => {
  it("round-trips, uses a fresh nonce each time, and refuses tampering or another context", async () => {
    const s = createSealer(secret);
    const sealed = await s.seal("Мені ұрады", "report");
    expect(sealed).not.toContain("Мені");
    expect(await s.open(sealed, "report")).toBe("Мені ұрады");
    expect(await s.seal("Мені ұрады", "report")).not.toBe(sealed);
    await expect(s.open(sealed, "session")).rejects.toThrow();
    const tampered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(s.open(tampered, "report")).rejects.toThrow();
    await expect(createSealer(secret + "x").open(sealed, "report")).rejects.toThrow();
  });
});
