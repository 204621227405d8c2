// The lists a child chooses from, defined once: the regions, what a report is about, the age
// bands. Flows draw their buttons from them ("choices" in flows/*.json, see flows/schema.ts), and
// the help directory, triage, the quiz and the console read the same lists. Labels are text keys
// built from the ids, so a list entry without a text fails the type check.
import type { ChoiceList } from "./choice-list.js";
import { rightsLists } from "./rights/lists.js";

export type { ChoiceItem, ChoiceList } from "./choice-list.js";
import { rightsLibrary } from "./rights/library.js";
/** Kazakhstan's 17 regions and its 3 cities of republican significance, as stored on reports. */
export const regions = [
  "abai",
  "akmola",
  "aktobe",
  "almaty_region",
  "atyrau",
  "east_kazakhstan",
  "jambyl",
  "jetisu",
  "karaganda",
  "kostanay",
  "kyzylorda",
  "mangystau",
  "north_kazakhstan",
  "pavlodar",
  "turkistan",
  "ulytau",
  "west_kazakhstan",
  "astana",
  "almaty",
  "shymkent",
] as const;
export type Region = (typeof regions)[number];
export const regionLabel = (region: Region) => `report:regions.${region}` as const;
export const isRegion = (value: unknown): value is Region => regions.some((r) => r === value);

/**
 * What a report is about, and how triage weighs it: `raise` moves the report up (with the reason
 * staff see, `category:<id>` unless named), `harm` is violence or neglect that makes a young
 * child's report at home more urgent, `atHome` says where it happens.
 */
interface Category {
  raise?: { to: "URGENT" | "HIGH"; reason?: string };
  harm?: boolean;
  atHome?: boolean;
}
export const categories = {
  physical: { raise: { to: "HIGH" }, harm: true },
  sexual: { raise: { to: "URGENT", reason: "sexual_violence" }, harm: true },
  emotional: {},
  neglect: { harm: true },
  bullying: {},
  online: {},
  home_violence: { harm: true, atHome: true },
  extortion: { raise: { to: "HIGH" } },
  work: { raise: { to: "HIGH" } },
  other: {},
} as const satisfies Record<string, Category>;
export type CategoryId = keyof typeof categories;
export const categoryIds = Object.keys(categories) as CategoryId[];
export const categoryLabel = (category: CategoryId) => `report:cat_${category}` as const;
export const categoryOf = (id: string): Category | undefined => (Object.hasOwn(categories, id) ? categories[id as CategoryId] : undefined);

/** Age bands as stored (the AgeBand enum of the schema); a child's bands, then an adult writing for one. */
export const ageBands = {
  UNDER_10: "under10",
  AGE_10_12: "10_12",
  AGE_13_15: "13_15",
  AGE_16_17: "16_17",
  ADULT: "adult",
} as const;
export type AgeBand = keyof typeof ageBands;
export const ageBandIds = Object.keys(ageBands) as AgeBand[];
/** The bands of a child (the quiz asks only these). */
export const childAgeBands = ageBandIds.filter((band) => band !== "ADULT");
export const ageBandLabel = <B extends AgeBand>(band: B) => `report:age_${ageBands[band]}` as const;
export const isAgeBand = (value: unknown): value is AgeBand => ageBandIds.some((b) => b === value);

/** The lists flows may name in "choices": { "list": … } and in "loops". */
export const choiceLists: Record<string, ChoiceList> = {
  regions: { items: regions.map((id) => ({ id, label: regionLabel(id) })) },
  categories: { items: categoryIds.map((id) => ({ id, label: categoryLabel(id) })) },
  age_bands: { items: ageBandIds.map((id) => ({ id, label: ageBandLabel(id) })) },
  child_age_bands: { items: childAgeBands.map((id) => ({ id, label: ageBandLabel(id) })) },
  ...rightsLists(rightsLibrary()),
};
