// Abuse resistance without knowing who anyone is: counts per pseudonym.
export const limits = {
  reportsPerHour: 3,
  childMessagesPerReportPerHour: 20,
  failedCodeAttemptsPerHour: 10,
  /** Telegram's own bot download limit; bigger files cannot be used by staff anyway. */
  maxFileBytes: 20 * 1024 * 1024,
};
