// Where a child can turn, by region, from flows/help-directory.json (a versioned data file).
// Entries that are not verified are never shown to children.
import { z } from "zod";
import data from "../../../flows/help-directory.json" with { type: "json" };

export const regions = [
  "abai", "akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan", "jambyl", "jetisu", "karaganda", "kostanay",
  "kyzylorda", "mangystau", "north_kazakhstan", "pavlodar", "turkistan", "ulytau", "west_kazakhstan", "astana", "almaty", "shymkent",
] as const;
export type Region = (typeof regions)[number];

const entrySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** "national" (everyone), "every" (exists in each region) or one region. */
  region: z.union([z.enum(["national", "every"]), z.enum(regions)]),
  phone: z.string().regex(/^\d{3}$/).optional(),
  verified: z.boolean(),
  source: z.string().min(5),
  checked: z.iso.date(),
});
const directorySchema = z.object({ version: z.string(), note: z.string().optional(), entries: z.array(entrySchema) });

export type DirectoryEntry = z.infer<typeof entrySchema>;
export type HelpDirectory = z.infer<typeof directorySchema>;

export function loadHelpDirectory(input: unknown = data): HelpDirectory {
  return directorySchema.parse(input);
}

/** What a child in this region may be shown: verified entries for their region and everyone. */
export function entriesFor(directory: HelpDirectory, region: Region): DirectoryEntry[] {
  return directory.entries.filter((e) => e.verified && (e.region === region || e.region === "every" || e.region === "national"));
}
