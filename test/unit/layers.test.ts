// The direction of imports: domain knows nothing of Telegram, the web or the bot; the flow engine
// knows the bot only through its screen helpers and callback codec (features depend on the
// engine, never the reverse); and no import circle runs through the bot, flows, domain or i18n.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = resolve(import.meta.dirname, "../../src");
const files = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts") && !f.startsWith("db/generated"))
  .map((f) => f.replaceAll("\\", "/"));

/** Each file's imports within src (type imports too), as paths relative to src. */
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(join(src, file), "utf8");
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)].map((m) => m[1]!);
    const local = specifiers
      .map((s) =>
        relative(src, resolve(dirname(join(src, file)), s))
          .replaceAll("\\", "/")
          .replace(/\.js$/, ".ts"),
      )
      .map((target) => (files.includes(target) ? target : target.replace(/\.ts$/, ".tsx")))
      .filter((target) => files.includes(target));
    return [file, local] as const;
  }),
);
const packages = (file: string) => [...readFileSync(join(src, file), "utf8").matchAll(/from\s+"([^."][^"]*)"/g)].map((m) => m[1]!);

describe("layers", () => {
  it("domain imports no bot, flow engine, console or HTTP code, and neither grammY nor Hono", () => {
    for (const file of files.filter((f) => f.startsWith("domain/"))) {
      expect(
        imports.get(file)!.filter((t) => /^(bot|flows|console|http|simulator)\//.test(t)),
        file,
      ).toEqual([]);
      expect(
        packages(file).filter((p) => /^(grammy|hono)/.test(p)),
        file,
      ).toEqual([]);
    }
  });

  it("the flow engine imports from the bot only its screen helpers and the callback codec", () => {
    const allowed = ["bot/screen.ts", "bot/callback-data.ts"];
    for (const file of files.filter((f) => f.startsWith("flows/"))) {
      expect(
        imports.get(file)!.filter((t) => t.startsWith("bot/") && !allowed.includes(t)),
        file,
      ).toEqual([]);
    }
    for (const file of allowed)
      expect(
        imports.get(file)!.filter((t) => t.startsWith("bot/") && !allowed.includes(t)),
        file,
      ).toEqual([]);
  });

  it("no import circle runs through the bot, the flows, the domain or i18n", () => {
    const inScope = (f: string) => /^(bot|flows|domain|i18n)\//.test(f);
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" > "));
        return;
      }
      state.set(file, "open");
      for (const next of imports.get(file) ?? []) if (inScope(next)) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files.filter(inScope)) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
