// Where a child can turn, by region, from flows/help-directory.json (a versioned data file).
// Entries that are not verified are never shown to children; each names the facts
// (flows/facts.json) its text states, and what is still unknown about it.
import { z } from "zod";
import data from "../../../flows/help-directory.json" with { type: "json" };
import { factIdSchema, factIds } from "../rights/facts.js";

import { regions, type Region } from "../choices.js";

// The regions are defined with the other lists a child chooses from (kept here for the console's imports).
export { regions, type Region };

const entrySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** "national" (everyone), "every" (exists in each region) or one region. */
  region: z.union([z.enum(["national", "every"]), z.enum(regions)]),
  phone: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  verified: z.boolean(),
  facts: z.array(factIdSchema).default([]),
  source: z.string().min(5),
  checked: z.iso.date(),
  /** What is known to be unchecked about this entry (so its text never claims it). */
  unverified: z.array(z.string()).default([]),
});
const directorySchema = z.object({ version: z.string(), note: z.string().optional(), entries: z.array(entrySchema) });

export type DirectoryEntry = z.infer<typeof entrySchema>;
export type HelpDirectory = z.infer<typeof directorySchema>;

export function loadHelpDirectory(input: unknown = data, knownFacts: Set<string> = factIds()): HelpDirectory {
  const directory = directorySchema.parse(input);
  for (const entry of directory.entries) {
    if (entry.verified && entry.facts.length === 0) throw new Error(`help-directory.json: verified entry ${entry.id} names no fact`);
    for (const id of entry.facts) if (!knownFacts.has(id)) throw new Error(`help-directory.json: ${entry.id} cites unknown fact "${id}"`);
  }
  return directory;
}

/** What a child in this region may be shown: verified national entries, then every region's, then the region's own. */
export function entriesFor(directory: HelpDirectory, region: Region): DirectoryEntry[] {
  const verified = directory.entries.filter((e) => e.verified);
  return [
    ...verified.filter((e) => e.region === "national"),
    ...verified.filter((e) => e.region === "every"),
    ...localEntries(directory, region),
  ];
}

/** The verified entries about this region only (none: the child is told so and pointed to 111). */
export function localEntries(directory: HelpDirectory, region: Region): DirectoryEntry[] {
  return directory.entries.filter((e) => e.verified && e.region === region);
}

/** The latest check date among the entries shown for a region. */
export function lastChecked(entries: DirectoryEntry[]): string {
  return entries.reduce((latest, e) => (e.checked > latest ? e.checked : latest), "");
}
