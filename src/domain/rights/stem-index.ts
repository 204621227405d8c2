// The rights library's stems, indexed once when the library is loaded, so a typed word is matched
// by looking its beginnings up instead of comparing it with every stem (1,500+ of them): a few
// dozen Map lookups per word, whatever the library's size. It finds exactly the stems that
// comparing the word with each one finds (search.ts's wordScore; a test holds the two together):
//   - a whole-word stem ("=bet") when the word is the stem;
//   - a stem when the word begins with it;
//   - a stem of 5+ letters when the word's first length-1, length or length+1 letters are one
//     edit from it. Every string within one edit of a stem shares with it one of "itself or
//     itself minus one letter" (a substitution or a swap of neighbours: both minus the same
//     position; an insertion or deletion: one side minus a letter is the other), so those
//     variants are the keys; each candidate is then checked exactly.

/** A stem as search.ts prepares it (the index reads only these two fields). */
export interface IndexableStem {
  text: string;
  /** Whole word only. */
  exact: boolean;
}

/** One edit (substitution, insertion, deletion, or two neighbours swapped) at most. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  if (a.length === b.length)
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Stems shorter than this are matched only as they are written (a typo would find too much). */
export const MIN_TYPO_STEM = 5;

export interface StemIndex<S extends IndexableStem> {
  /**
   * Calls `found` for every stem the word matches: `typo` false when the word is the stem (a
   * whole-word stem) or begins with it, true when it is one edit away. A stem may be reported
   * more than once (both ways, or through two variants): scores are taken as a maximum.
   */
  match(word: string, found: (stem: S, typo: boolean) => void): void;
}

const minusOne = (s: string, i: number) => s.slice(0, i) + s.slice(i + 1);

export function createStemIndex<S extends IndexableStem>(stems: readonly S[]): StemIndex<S> {
  const whole = new Map<string, S[]>();
  const prefix = new Map<string, S[]>();
  const typo = new Map<string, S[]>();
  const add = (map: Map<string, S[]>, key: string, stem: S) => {
    const list = map.get(key);
    if (!list) map.set(key, [stem]);
    else if (!list.includes(stem)) list.push(stem);
  };
  let minPrefix = Infinity;
  let maxPrefix = 0;
  /** Which word-beginning lengths can be one edit from some stem (a stem's length ± 1). */
  const typoLengths = new Set<number>();
  for (const stem of stems) {
    if (stem.exact) {
      add(whole, stem.text, stem);
      continue;
    }
    add(prefix, stem.text, stem);
    minPrefix = Math.min(minPrefix, stem.text.length);
    maxPrefix = Math.max(maxPrefix, stem.text.length);
    if (stem.text.length < MIN_TYPO_STEM) continue;
    add(typo, stem.text, stem);
    for (let i = 0; i < stem.text.length; i++) add(typo, minusOne(stem.text, i), stem);
    for (const d of [-1, 0, 1]) typoLengths.add(stem.text.length + d);
  }
  const lengths = [...typoLengths].sort((a, b) => a - b);

  return {
    match(word, found) {
      for (const stem of whole.get(word) ?? []) found(stem, false);
      for (let n = minPrefix; n <= Math.min(word.length, maxPrefix); n++) {
        for (const stem of prefix.get(word.slice(0, n)) ?? []) found(stem, false);
      }
      for (const n of lengths) {
        if (n > word.length) break;
        const beginning = word.slice(0, n);
        const candidates = [beginning];
        for (let i = 0; i < n; i++) candidates.push(minusOne(beginning, i));
        for (const key of candidates) {
          for (const stem of typo.get(key) ?? []) {
            if (Math.abs(stem.text.length - n) <= 1 && withinOneEdit(beginning, stem.text)) found(stem, true);
          }
        }
      }
    },
  };
}
