// Telegram counts lengths in UTF-16 code units (an emoji is two), after HTML entities are parsed.
// Everything that checks or cuts a length uses these helpers, never `[...text].length`.

/** A message's text (after entity parsing) may be at most this long. */
export const MESSAGE_MAX_UNITS = 4096;
/** Callback data may be at most this many bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Length as Telegram counts it. */
export function telegramLength(text: string): number {
  return text.length;
}

/**
 * Cuts text to at most `max` UTF-16 units without splitting a surrogate pair, adding `tail`
 * (e.g. "… full text in the console") when something was cut.
 */
export function cutToUnits(text: string, max: number, tail = "…"): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - tail.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // a high surrogate would be left alone
  return text.slice(0, end) + tail;
}
