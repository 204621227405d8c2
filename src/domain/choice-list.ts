// The shape of a list flows draw from (domain/choices.ts gathers them); its own file so that the
// lists built elsewhere (domain/rights/lists.ts) need not import the gathering.
/**
 * A list a flow can draw from: each item's id (the answer it records) and its label, and facts
 * about the item (`tags`) that a flow may filter on or carry into its answers (a topic's theme),
 * or write into a loop's texts (a quiz question's right option).
 */
export interface ChoiceItem {
  id: string;
  label: string;
  tags?: Readonly<Record<string, string>>;
}
export interface ChoiceList {
  items: readonly ChoiceItem[];
  /**
   * The buttons drawn from it are named by the item's id, not by the last part of the label (the
   * default for every button): needed when labels end alike (`rights:topics.<id>.title`).
   */
  idsFromItems?: boolean;
}
