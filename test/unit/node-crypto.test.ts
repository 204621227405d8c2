// node:crypto (what the Node server uses) and Web Crypto (what the Worker uses) must be
// interchangeable: the same pseudonyms and case-code hashes, and each opens what the other sealed.
// A value sealed before the switch (Web Crypto) still opens on the Node server, and back.
import { describe, expect, it } from "vitest";
import { createPseudonymizer } from "../../src/domain/privacy/pseudonym.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { webCrypto } from "../../src/domain/privacy/crypto-provider.ts";
import { createCaseCodes } from "../../src/domain/reports/case-code.ts";
import { nodeCrypto } from "../../src/entry/node-crypto.ts";

const secret = "unit-test-secret-0123456789abcdef0123456789";
const providers = [
  ["node:crypto", nodeCrypto],
  ["Web Crypto", webCrypto],
] as const;

describe("node:crypto and Web Crypto", () => {
  it("derive the same pseudonyms", async () => {
    const node = createPseudonymizer(secret, nodeCrypto);
    const web = createPseudonymizer(secret, webCrypto);
    for (const id of [1, 123456789, 7_999_999_999]) expect(await node.forUser(id)).toBe(await web.forUser(id));
    expect(await node.forUser(123456789)).toMatch(/^[\w-]{32}$/);
  });

  it("hash case codes and derive draft codes alike", async () => {
    const node = createCaseCodes(secret, nodeCrypto);
    const web = createCaseCodes(secret, webCrypto);
    expect(await node.hash("k7qmx 2pa9r")).toBe(await web.hash("K7QMX-2PA9R"));
    expect(await node.hash("K7QMX-2PA9R")).toMatch(/^[0-9a-f]{64}$/);
    expect(await node.forDraft("draft-1")).toBe(await web.forDraft("draft-1"));
    expect(await node.forDraft("draft-1")).not.toBe(await node.forDraft("draft-2"));
  });

  it.each([
    ["node:crypto", "Web Crypto"],
    ["Web Crypto", "node:crypto"],
  ] as const)("a value sealed with %s opens with %s, short or long, in its own context only", async (from, to) => {
    const sealer = createSealer(secret, providers.find(([name]) => name === from)![1]);
    const opener = createSealer(secret, providers.find(([name]) => name === to)![1]);
    const long = "Мені ұрады, I am scared. ".repeat(4000);
    for (const text of ["", "Мені ұрады", long]) {
      const sealed = await sealer.seal(text, "report:42");
      expect(await opener.open(sealed, "report:42")).toBe(text);
      await expect(opener.open(sealed, "session")).rejects.toThrow();
    }
  });

  it.each(providers)("%s refuses an altered value and another secret's", async (_name, provider) => {
    const s = createSealer(secret, provider);
    const sealed = await s.seal("Мені ұрады", "report");
    const [v, iv, data] = sealed.split(".");
    const bytes = Uint8Array.from(atob(data!), (c) => c.charCodeAt(0));
    bytes[0] = bytes[0]! ^ 1;
    const altered = `${v}.${iv}.${btoa(String.fromCharCode(...bytes))}`;
    await expect(s.open(altered, "report")).rejects.toThrow();
    await expect(s.open(`${v}.${iv}.${btoa("short")}`, "report")).rejects.toThrow();
    await expect(createSealer(secret + "x", provider).open(sealed, "report")).rejects.toThrow();
    expect(await s.open(sealed, "report")).toBe("Мені ұрады");
  });
});
