// Every text a child can be shown, flattened to "namespace:key" per language: the locale
// namespaces children see, the staff reply templates that are sent to children, and the source
// names the rights library prints under a topic.
import { resources } from "../../src/i18n/resources.ts";
import { loadRightsLibrary } from "../../src/domain/rights/library.ts";

export type Lang = "kk" | "ru" | "en";
export const langs: Lang[] = ["kk", "ru", "en"];

type Tree = { [key: string]: string | string[] | Tree };
const flatten = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === "string"
      ? [[prefix + k, v]]
      : Array.isArray(v)
        ? v.map((s, i): [string, string] => [`${prefix}${k}.${i}`, s])
        : flatten(v, `${prefix}${k}.`),
  );

const CHILD_NAMESPACES = ["common", "report", "listen", "followup", "rights"] as const;
// Staff pick these in the console and the bot sends them to the child as they are.
const isSentToChild = (ns: string, key: string) => ns === "console" && key.startsWith("template_") && key !== "template_pick";

export function childTexts(lang: Lang): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [ns, tree] of Object.entries(resources[lang])) {
    for (const [key, value] of flatten(tree as Tree)) {
      if ((CHILD_NAMESPACES as readonly string[]).includes(ns) || isSentToChild(ns, key)) texts.set(`${ns}:${key}`, value);
    }
  }
  for (const [id, names] of Object.entries(loadRightsLibrary().sourceNames)) texts.set(`library:sourceNames.${id}`, names[lang]);
  return texts;
}

/** The words of a text: without placeholders, HTML tags, list numbers and the example case code. */
export function plainWords(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s*\d+\.\s/gm, "")
    .replace(/\b[A-Z0-9]{5}-[A-Z0-9]{5}\b/g, " ");
}
