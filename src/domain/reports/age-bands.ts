// Age bands are stored as the AgeBand enum names; the texts use short keys (report:age_13_15).
// The bands themselves are defined with the other lists a child chooses from (domain/choices.ts).
import { ageBandLabel, isAgeBand } from "../choices.js";

/** The i18n key for an age band, or undefined when none was given. */
export function ageBandTextKey(band: string | null | undefined) {
  return isAgeBand(band) ? ageBandLabel(band) : undefined;
}
