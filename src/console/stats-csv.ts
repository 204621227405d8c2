// The statistics page's spreadsheet by month, region, category and age band.
import type { Translate } from "../i18n/i18n.js";
import type { BreakdownRow } from "../domain/reports/statistics-breakdown.js";
import { ageBandTextKey } from "../domain/reports/age-bands.js";
import { csvCell } from "./csv.js";

/**
 * The CSV: codes for machines and, beside each, its name in the reader's language (what a person
 * filtering the sheet reads). Names go through csvCell: they come from our own locale files, but
 * a cell is never trusted to be free of spreadsheet formulas.
 */
export function breakdownCsv(
  rows: BreakdownRow[],
  names: { region(code: string): string; category(code: string): string; ageBand(code: string): string },
): string {
  const header =
    "month,region,region_name,category,category_name,age_band,age_band_name,reports,urgent,open,overdue,answered,answered_within_deadline,median_first_response_minutes";
  const lines = rows.map((r) =>
    [
      r.month,
      csvCell(r.region),
      csvCell(names.region(r.region)),
      csvCell(r.category),
      csvCell(names.category(r.category)),
      csvCell(r.ageBand),
      csvCell(names.ageBand(r.ageBand)),
      r.reports,
      r.urgent,
      r.open,
      r.overdue,
      r.answered,
      r.answeredWithinDeadline,
      r.medianFirstResponseMinutes ?? "",
    ].join(","),
  );
  return [header, ...lines].join("\n") + "\n";
}

/** Names in the console's language for the codes in the CSV ("unknown": the child did not say). */
export function breakdownNames(t: Translate) {
  const none = t("console:none");
  return {
    region: (code: string) =>
      code === "unknown" ? t("console:stats_region_unknown") : t(`report:regions.${code}`, { defaultValue: code }),
    category: (code: string) => t(`report:cat_${code}`, { defaultValue: code }),
    ageBand: (code: string) => {
      const key = ageBandTextKey(code);
      return key ? t(key) : none;
    },
  };
}
