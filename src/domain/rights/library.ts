// The rights library: topics, their sources and the quiz, from flows/rights-library.json (data)
// with the texts in locales/{lang}/rights.json. Validated when loaded.
import { z } from "zod";
import data from "../../../flows/rights-library.json" with { type: "json" };
import { factIdSchema, factIds } from "./facts.js";

const localized = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

const librarySchema = z.object({
  topics: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9_]{0,23}$/),
        group: z.enum(["school", "home", "online", "body", "work", "law", "identity", "play", "care"]),
        sources: z.object({
          crc: z.array(z.number().int().min(1).max(54)).default([]),
          kzLaw: z.array(z.string()).default([]),
          other: z.array(z.string()).default([]),
        }),
        /** The verified facts (flows/facts.json) each section states: a law, an age, a year, a number. */
        facts: z
          .object({
            short: z.array(factIdSchema).optional(),
            more: z.array(factIdSchema).optional(),
            todo: z.array(factIdSchema).optional(),
          })
          .default({}),
        contacts: z.array(z.enum(["150", "111", "112", "102", "103"])),
        report: z.boolean(),
        /** Where «This is happening to me» leads: the report, crisis help first (then the team), or «Get help now». */
        happening: z.enum(["report", "crisis", "help"]).default("report"),
        keywords: z.object({ kk: z.array(z.string().min(2)), ru: z.array(z.string().min(2)), en: z.array(z.string().min(2)) }),
      }),
    )
    .min(20),
  sourceNames: z.record(z.string(), localized),
  quiz: z
    .array(z.object({ id: z.string(), indicator: z.enum(["rights", "responsibilities"]), correct: z.number().int().min(0).max(2) }))
    .min(8),
});

export type RightsLibrary = z.infer<typeof librarySchema>;
export type Topic = RightsLibrary["topics"][number];
export type TopicGroup = Topic["group"];
export type QuizQuestion = RightsLibrary["quiz"][number];

export const topicGroups: TopicGroup[] = ["school", "home", "online", "body", "work", "law", "identity", "play", "care"];

let bundled: RightsLibrary | undefined;

/** The bundled library, validated once and shared by the features that use it. */
export function rightsLibrary(): RightsLibrary {
  return (bundled ??= loadRightsLibrary());
}

export function loadRightsLibrary(input: unknown = data, knownFacts: Set<string> = factIds()): RightsLibrary {
  const library = librarySchema.parse(input);
  for (const topic of library.topics) {
    for (const id of [...topic.sources.kzLaw, ...topic.sources.other]) {
      if (!library.sourceNames[id]) throw new Error(`rights-library.json: topic ${topic.id} cites unknown source "${id}"`);
    }
    for (const id of Object.values(topic.facts).flat()) {
      if (!knownFacts.has(id)) throw new Error(`rights-library.json: topic ${topic.id} cites unknown fact "${id}" (see flows/facts.json)`);
    }
  }
  return library;
}

/**
 * The sources of a topic in one language, one line each: the Convention, then the laws.
 * `articleWord` gets the count too: Kazakh says «19-бап» for one article but «19, 39-баптар».
 */
export function topicSources(
  library: RightsLibrary,
  topic: Topic,
  language: "kk" | "ru" | "en",
  articleWord: (list: string, count: number) => string,
): string[] {
  const lines: string[] = [];
  const crc = topic.sources.crc;
  if (crc.length) lines.push(`${library.sourceNames.crc?.[language] ?? "UN CRC"}: ${articleWord(crc.join(", "), crc.length)}`);
  for (const id of [...topic.sources.kzLaw, ...topic.sources.other]) lines.push(library.sourceNames[id]![language]);
  return lines;
}
