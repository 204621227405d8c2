// Text keys written in data files (flows/*.json, the rights library, the help directory), which
// tsc cannot read. The tests that load the data check that each of these keys exists in every
// language (test/unit/flows-lint.test.ts, rights-library.test.ts, content-facts.test.ts,
// locales.test.ts). This is the one place such a key becomes a TextKey.
import type { TextKey } from "./i18n.js";

export const dataKey = (key: string): TextKey => key as TextKey;

/** A rights topic's texts (flows/rights-library.json). */
export const topicKey = (topic: string, part: "title" | "short" | "more" | "todo"): TextKey => dataKey(`rights:topics.${topic}.${part}`);

/** A help directory entry's text (flows/help-directory.json). */
export const directoryKey = (entry: string): TextKey => dataKey(`rights:ui.dir.${entry}`);
