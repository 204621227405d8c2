// Every language carries the same keys and the same placeholders, and fits Telegram's limits.
import { describe, expect, it } from "vitest";
import { resources } from "../../src/i18n/resources.ts";

type Tree = { [key: string]: string | string[] | Tree };
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string"
        ? [[prefix + k, v]]
        : Array.isArray(v)
          ? v.map((s, i) => [`${prefix}${k}.${i}`, s])
          : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const tags = (s: string) => [...s.matchAll(/<\/?([a-z-]+)[^>]*>/g)].map((m) => m[0].replace(/\s.*>/, ">")).sort();

const languages = Object.keys(resources) as (keyof typeof resources)[];
const flat = Object.fromEntries(
  languages.map((lang) => [
    lang,
    Object.fromEntries(
      Object.entries(resources[lang]).flatMap(([ns, tree]) => Object.entries(flatten(tree as Tree)).map(([k, v]) => [`${ns}:${k}`, v])),
    ),
  ]),
) as Record<string, Record<string, string>>;

describe("locales", () => {
  it("have kk, ru and en", () => {
    expect(languages.sort()).toEqual(["en", "kk", "ru"]);
  });

  it.each(["kk", "ru"])("%s has exactly the keys en has", (lang) => {
    expect(Object.keys(flat[lang]!).sort()).toEqual(Object.keys(flat.en!).sort());
  });

  it("every key has the same placeholders and HTML tags in every language", () => {
    const problems: string[] = [];
    for (const key of Object.keys(flat.en!)) {
      for (const lang of ["kk", "ru"]) {
        const a = flat.en![key]!;
        const b = flat[lang]![key] ?? "";
        if (JSON.stringify(placeholders(a)) !== JSON.stringify(placeholders(b))) problems.push(`${lang} ${key}: placeholders differ`);
        if (JSON.stringify(tags(a)) !== JSON.stringify(tags(b))) problems.push(`${lang} ${key}: HTML tags differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("no text is empty, and messages fit Telegram's 4096 characters", () => {
    for (const lang of languages) {
      for (const [key, value] of Object.entries(flat[lang]!)) {
        expect(value.trim(), `${lang} ${key}`).not.toBe("");
        expect([...value].length, `${lang} ${key}`).toBeLessThanOrEqual(4096);
      }
    }
  });

  it("Kazakh texts are written in Kazakh Cyrillic, not left in Russian or English", () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    const words = (v: string) => v.replace(/\{\{[^}]+\}\}/g, "");
    const long = Object.entries(flat.kk!).filter(([key, v]) => words(v).length > 40 && !key.startsWith("common:language.choose"));
    const withoutKazakh = long.filter(([, v]) => !kazakhLetters.test(v)).map(([k]) => k);
    expect(withoutKazakh).toEqual([]);
  });
});
