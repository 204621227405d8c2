// Files a report through the real bot, as a child would, for tests that need one.
import type { TestUser } from "./test-app.ts";
import { common, report, type Lang } from "./locales.ts";

export interface ReportOptions {
  region?: keyof (typeof report)["en"]["regions"];
  unsafe?: boolean;
  contact?: boolean;
  words?: string;
}

/** Returns the case code shown to the child. */
export async function fileReport(child: TestUser, lang: Lang, options: ReportOptions = {}): Promise<string> {
  await reachReview(child, lang, options);
  await child.press(report[lang].send);
  return shownCode(child);
}

/** The case code on the child's newest screen. */
export function shownCode(child: TestUser): string {
  const code = /<code>([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})<\/code>/.exec(child.lastBotMessage().text ?? "")?.[1];
  if (!code) throw new Error("no case code shown");
  return code;
}

/** Everything up to the review screen, where only Send is left. */
export async function reachReview(child: TestUser, lang: Lang, options: ReportOptions = {}): Promise<void> {
  const r = report[lang];
  await child.send("/menu");
  await child.press(common[lang].menu.report);
  await child.press(r.start);
  if (options.unsafe) {
    await child.press(r.safe_no);
    await child.press(r.continue);
    await child.press(r.cat_physical);
  } else {
    await child.press(r.safe_yes);
    await child.press(r.cat_bullying);
    await child.press(r.who_child);
    await child.press(r.place_school);
    await child.press(r.ongoing_yes);
    await child.press(options.region ? r.regions[options.region] : r.prefer_not);
    await child.press(r.age_13_15);
    await child.press(r.skip);
  }
  await child.send(options.words ?? "They push me every day");
  await child.press(r.evidence_skip);
  await child.press(options.contact === false ? r.contact_no : r.contact_yes);
}
