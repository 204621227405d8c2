// The verified facts behind every child-facing text, from flows/facts.json (data): each with the
// source it was checked against and when. Texts cite facts by id, so a fact that changes (a new
// law, a line that closes) shows every text that has to change with it.
import { z } from "zod";
import data from "../../../flows/facts.json" with { type: "json" };

export const factIdSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

const factsSchema = z.object({
  version: z.string(),
  note: z.string().optional(),
  facts: z
    .array(
      z.object({
        id: factIdSchema,
        /** What the sources confirm, in English. */
        statement: z.string().min(20),
        source: z.string().min(5),
        url: z.url(),
        also: z.array(z.url()).default([]),
        checked: z.iso.date(),
      }),
    )
    .min(1),
  /** What was looked for and not confirmed: no text may state it. */
  unverified: z.array(z.object({ statement: z.string(), searched: z.string(), checked: z.iso.date() })).default([]),
  /** Texts outside the rights topics ("namespace:key", or a key's prefix) and the facts they state. */
  textFacts: z.record(z.string().regex(/^[a-z]+:[\w.]+$/), z.array(factIdSchema).min(1)).default({}),
});

export type Facts = z.infer<typeof factsSchema>;
export type Fact = Facts["facts"][number];

export function loadFacts(input: unknown = data): Facts {
  const facts = factsSchema.parse(input);
  const ids = new Set<string>();
  for (const fact of facts.facts) {
    if (ids.has(fact.id)) throw new Error(`facts.json: fact "${fact.id}" is listed twice`);
    ids.add(fact.id);
  }
  for (const [key, cited] of Object.entries(facts.textFacts)) {
    for (const id of cited) if (!ids.has(id)) throw new Error(`facts.json: text ${key} cites unknown fact "${id}"`);
  }
  return facts;
}

let bundled: Set<string> | undefined;

/** The ids of the bundled verified facts. */
export function factIds(): Set<string> {
  return (bundled ??= new Set(loadFacts().facts.map((f) => f.id)));
}
