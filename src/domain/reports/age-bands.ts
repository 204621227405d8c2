// Age bands are stored as the AgeBand enum names; the texts use short keys (report:age_13_15).
const keys: Record<string, string> = { UNDER_10: "under10", AGE_10_12: "10_12", AGE_13_15: "13_15", AGE_16_17: "16_17", ADULT: "adult" };

/** The i18n key for an age band, or undefined when none was given. */
export function ageBandTextKey(band: string | null | undefined): string | undefined {
  const key = band ? keys[band] : undefined;
  return key ? `report:age_${key}` : undefined;
}
