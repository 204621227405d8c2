/**
 * Normalisation for the risk detector: turns a child's message into WORDS that can be looked up
 * in the lexicons (src/domain/risk/lexicons/*.json), keeping for every word where it came from in
 * the original text, so staff see the child's own words.
 *
 * Every word gets up to two forms:
 *  - `cyr`: the Cyrillic form, for the Russian and Kazakh lexicons. Cyrillic words keep their
 *    letters (Latin/digit look-alikes inside them become Cyrillic: "yбью" → "убью"); words typed
 *    in Latin letters are transliterated ("ne hochu zhit" → "не хочу жит", "olgim" → "өлгім",
 *    the 2021 Kazakh Latin alphabet: "ä ö ü ğ ñ ş ı ū"). Then the form is FOLDED: ё→е, ъ and ь
 *    dropped, Kazakh letters to the letters children type without a Kazakh keyboard (ә→а, ғ→г,
 *    қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и, й→и), so both spellings meet in one form.
 *  - `lat`: for words typed in Latin letters only, the lowercase Latin form, for English.
 * Both forms also exist with runs of one letter collapsed ("помогитеее" → "помогите",
 * "DIEEE" → "die"); lexicon entries are collapsed the same way.
 *
 * Pure code, no Node APIs (runs on Cloudflare Workers).
 */

export interface Token {
  /** UTF-16 range in the NFKC-normalised text (end exclusive). */
  start: number;
  end: number;
  /** Sentence number: . ! ? … ; and line breaks end a sentence. */
  sentence: number;
  /** Clause number: a sentence end or ! … ... , : ( ) « » " – — ends a clause (the reach of a negation). */
  clause: number;
  /** Folded Cyrillic form, repeated letters collapsed ("" for digits only). */
  cyr: string;
  /** Folded Cyrillic form, repeated letters kept. */
  cyrRaw: string;
  /** For Latin words with "j" or a back-vowelled "i": the Kazakh-style transliteration ("joq" → "жоқ", "urip" → "ұрып"), else "". */
  cyrAlt: string;
  /** Lowercase Latin form with repeats collapsed, or "" if the word is not all-Latin. */
  lat: string;
  /** Lowercase Latin form, repeats kept. */
  latRaw: string;
}

export const MAX_MATCH_LENGTH = 40;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const APOSTROPHES = new Set(["'", "’", "‘", "`", "ʼ", "´", "ʻ"]);
const SENTENCE_END = new Set([".", "?", ";", "。", "؟"]);
const CLAUSE_END = new Set(["!", "…", ",", ":", "(", ")", "«", "»", '"', "“", "”", "–", "—", "，"]);

/** Latin letters and digits that look like Cyrillic ones, used inside Cyrillic words. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  i: "і",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
  "0": "о",
  "3": "з",
  "4": "ч",
  "6": "б",
};

/** Cyrillic folding: the same key for the Kazakh letter and its keyboard-less substitute. */
const FOLD: Readonly<Record<string, string>> = {
  ё: "е",
  ъ: "",
  ь: "",
  ә: "а",
  ғ: "г",
  қ: "к",
  ң: "н",
  ө: "о",
  ұ: "у",
  ү: "у",
  һ: "х",
  і: "и",
  й: "и",
  ї: "и",
  є: "е",
  ў: "у",
};

/** Latin → Cyrillic for words typed in Latin letters (Russian chat habits + Kazakh Latin alphabets). */
const TRANSLIT: readonly (readonly [string, string])[] = [
  ["shch", "щ"],
  ["sch", "щ"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["ts", "ц"],
  ["ya", "я"],
  ["yu", "ю"],
  ["yo", "е"],
  ["ye", "е"],
  ["ja", "я"],
  ["ju", "ю"],
  ["jo", "е"],
  ["a", "а"],
  ["b", "б"],
  ["v", "в"],
  ["w", "в"],
  ["g", "г"],
  ["d", "д"],
  ["e", "е"],
  ["z", "з"],
  ["i", "и"],
  ["j", "ж"],
  ["k", "к"],
  ["l", "л"],
  ["m", "м"],
  ["n", "н"],
  ["o", "о"],
  ["p", "п"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["u", "у"],
  ["f", "ф"],
  ["h", "х"],
  ["x", "х"],
  ["c", "ц"],
  ["q", "қ"],
  ["ä", "ә"],
  ["á", "ә"],
  ["ö", "ө"],
  ["ó", "ө"],
  ["ü", "ү"],
  ["ū", "ұ"],
  ["ú", "ұ"],
  ["ğ", "ғ"],
  ["ǵ", "ғ"],
  ["ñ", "ң"],
  ["ń", "ң"],
  ["ı", "і"],
  ["ş", "ш"],
  ["ç", "ч"],
  ["ý", "у"],
  ["é", "е"],
  ["í", "и"],
  ["ś", "ш"],
];
const TRANSLIT_MAP = new Map(TRANSLIT);
/** Kazakh vowel harmony in Latin spelling: a word with back vowels only reads "i" as ы. */
const BACK_VOWEL = /[aouıū]/u;
const FRONT_VOWEL = /[eäöüé]/u;
const VOWELS = new Set(["a", "e", "i", "o", "u", "ä", "ö", "ü", "ı", "ū"]);

/** Folds a Cyrillic string (see the header). Does not collapse repeats. */
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join("")}]`, "gu");
export function foldCyrillic(word: string): string {
  const out = word.replace(FOLD_RE, (c) => FOLD[c] ?? c);
  // "счётчик" and "schetchik" (→ "щетчик") sound the same
  return out.includes("сч") ? out.replaceAll("сч", "щ") : out;
}

/** Collapses runs of one letter ("хочууу" → "хочу") and elongated iotated vowels ("убьюуу" → "убью"). */
export function collapse(word: string): string {
  let out = "";
  let previous = "";
  for (const c of word) {
    if (c === previous) continue;
    if ((previous === "ю" && c === "у") || (previous === "я" && c === "а")) continue;
    out += c;
    previous = c;
  }
  return out;
}

/**
 * Transliterates a lowercase all-Latin word to Cyrillic (not folded). Russian chat writes
 * "ja/ju/jo" for я/ю/ё ("ja tebja"), Kazakh Latin writes "j" for ж ("jabysady", "joq"): the
 * "kk" style reads every j as ж.
 */
export function transliterate(word: string, style: "ru" | "kk" = "ru"): string {
  const chars = Array.from(word);
  const backVowelled = style === "kk" && BACK_VOWEL.test(word) && !FRONT_VOWEL.test(word);
  let out = "";
  let i = 0;
  while (i < chars.length) {
    const first = chars[i] ?? "";
    if (first === "y") {
      const next = chars[i + 1] ?? "";
      const pair = TRANSLIT_MAP.get(`y${next}`);
      if (pair) {
        out += pair;
        i += 2;
        continue;
      }
      // "moy" → "мой", "urady" → "урады"
      out += VOWELS.has(chars[i - 1] ?? "") ? "й" : "ы";
      i += 1;
      continue;
    }
    if (first === "j" && style === "kk") {
      out += "ж";
      i += 1;
      continue;
    }
    // Kazakh typed without its letters writes "i" for both і and ы: vowel harmony decides
    // ("urip jatyr" → "ұрып жатыр", "meni" → "мені").
    if (first === "i" && style === "kk" && backVowelled) {
      out += "ы";
      i += 1;
      continue;
    }
    let done = false;
    for (const size of [4, 3, 2]) {
      if (i + size > chars.length) continue;
      const rule = TRANSLIT_MAP.get(chars.slice(i, i + size).join(""));
      if (rule) {
        out += rule;
        i += size;
        done = true;
        break;
      }
    }
    if (done) continue;
    out += TRANSLIT_MAP.get(first) ?? first;
    i += 1;
  }
  return out;
}

/** The Cyrillic key of a lexicon entry or a Cyrillic word: folded and collapsed. */
export function cyrillicKey(word: string): string {
  return collapse(foldCyrillic(word.toLowerCase()));
}

/** The Latin key of an English lexicon entry or word: lowercase, collapsed. */
export function latinKey(word: string): string {
  return collapse(word.toLowerCase());
}

/** Kazakh case endings written after a hyphen ("ҰБТ-дан", "Kaspi-ге"): dropped, not words. */
const HYPHEN_SUFFIXES = new Set(
  (
    "дан ден тан тен нан нен ға ге қа ке на не да де та те ның нің дың дің тың тің ны ні ды ді ты ті ға ге мен бен пен " +
    "ша ше ке қа ға ге дағы дегі тағы тегі ның ым ім м ың ің ң сы сі ы і ке тен dan den tan ten ga ge qa ke da de ta te nyn nin dy di ty ti"
  ).split(" "),
);

interface RawWord {
  /** Lowercase letters and digits of the word (marks dropped). */
  text: string;
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** Written right after a hyphen, as in "ұрып-соғады". */
  hyphenated: boolean;
}

/**
 * What a character contributes to a word: its lowercase letters/digits, "" for a combining mark
 * (skipped), null for a separator. Cached: a message has few distinct characters.
 */
const CHAR_CLASS = new Map<string, string | null>();
const CHAR_CLASS_LIMIT = 4096;
function classify(codePoint: string): string | null {
  const cached = CHAR_CLASS.get(codePoint);
  if (cached !== undefined) return cached;
  let out: string | null = "";
  let sawLetter = false;
  for (const lowered of codePoint.toLowerCase()) {
    if (MARK.test(lowered)) continue; // "İ".toLowerCase() leaves a combining dot
    if (LETTER_OR_DIGIT.test(lowered)) {
      out += lowered;
      sawLetter = true;
    }
  }
  if (!sawLetter && !MARK.test(codePoint)) out = null;
  if (CHAR_CLASS.size < CHAR_CLASS_LIMIT) CHAR_CLASS.set(codePoint, out);
  return out;
}

function splitWords(source: string): RawWord[] {
  const words: RawWord[] = [];
  let sentence = 0;
  let clause = 0;
  let current: RawWord | null = null;
  let index = 0;
  let afterHyphen = false;
  const push = (word: RawWord) => {
    if (!(word.hyphenated && HYPHEN_SUFFIXES.has(word.text))) words.push(word);
  };
  for (const codePoint of source) {
    const at = index;
    index += codePoint.length;
    if (APOSTROPHES.has(codePoint)) continue; // "don't" → "dont", "ub'yu" → "ubyu"
    const hyphen: boolean = codePoint === "-" && current !== null;
    // "..." is a pause, not the end of a sentence
    const ellipsis = codePoint === "." && (source[at + 1] === "." || source[at - 1] === ".");
    if (SENTENCE_END.has(codePoint) && !ellipsis) {
      if (current) push(current);
      current = null;
      sentence += 1;
      clause += 1;
      afterHyphen = false;
      continue;
    }
    if (CLAUSE_END.has(codePoint) || ellipsis) {
      if (current) push(current);
      current = null;
      clause += 1;
      afterHyphen = false;
      continue;
    }
    const letters = classify(codePoint);
    if (letters === null) {
      if (current) push(current);
      current = null;
    } else if (letters !== "") {
      if (!current) current = { text: "", start: at, end: index, sentence, clause, hyphenated: afterHyphen };
      current.text += letters;
      current.end = index;
    }
    afterHyphen = hyphen;
  }
  if (current) push(current);
  return words;
}

type Forms = Pick<Token, "cyr" | "cyrRaw" | "cyrAlt" | "lat" | "latRaw">;

function formsOf(word: string): Forms {
  const hasCyrillic = CYRILLIC.test(word);
  const hasLatin = LATIN.test(word);
  let cyrRaw: string;
  let latRaw = "";
  let cyrAlt = "";
  if (hasCyrillic) {
    let mapped = "";
    let previous = "";
    for (const c of word) {
      // digits only after a letter: "уб3ю" → "убзю", but "20к" stays an amount
      const digit = c >= "0" && c <= "9";
      mapped += digit && !(previous !== "" && !(previous >= "0" && previous <= "9")) ? c : (LOOKALIKES[c] ?? c);
      previous = c;
    }
    // a Latin word with one Kazakh letter ("manі"): transliterate what is still Latin
    cyrRaw = foldCyrillic(LATIN.test(mapped) ? transliterate(mapped) : mapped);
  } else if (hasLatin) {
    latRaw = word;
    cyrRaw = foldCyrillic(transliterate(latRaw));
    if (latRaw.includes("j") || (latRaw.includes("i") && BACK_VOWEL.test(latRaw) && !FRONT_VOWEL.test(latRaw)))
      cyrAlt = collapse(foldCyrillic(transliterate(latRaw, "kk")));
  } else {
    cyrRaw = word;
  }
  return { cyr: collapse(cyrRaw), cyrRaw, cyrAlt, lat: latRaw === "" ? "" : collapse(latRaw), latRaw };
}

/** NFKC-normalises the text and splits it into tokens. `text` is what token ranges point into. */
export function tokenise(input: string): { text: string; tokens: Token[] } {
  const text = input.normalize("NFKC");
  const memo = new Map<string, Forms>(); // each distinct word is normalised once
  const tokens = splitWords(text).map((word): Token => {
    let forms = memo.get(word.text);
    if (!forms) {
      forms = formsOf(word.text);
      memo.set(word.text, forms);
    }
    return { start: word.start, end: word.end, sentence: word.sentence, clause: word.clause, ...forms };
  });
  return { text, tokens };
}

/** The child's own words from token `from` to token `to` (inclusive), at most 40 characters. */
export function fragment(text: string, tokens: readonly Token[], from: number, to: number): string {
  const start = tokens[from]?.start ?? 0;
  const end = tokens[to]?.end ?? start;
  const found = text.slice(start, end).replace(/\s+/gu, " ").trim();
  const chars = Array.from(found);
  return chars.length <= MAX_MATCH_LENGTH ? found : `${chars.slice(0, MAX_MATCH_LENGTH - 1).join("")}…`;
}

// ------------------------------------------------------------------ word trie with one typo

export interface WordEnd {
  /** Id of the word pattern. */
  id: number;
  /** true: any word starting with it; false: the whole word. */
  stem: boolean;
  length: number;
}

/**
 * Letters a child confuses when typing by ear: any two vowels (unstressed "о/а", "е/и", Kazakh
 * vowels typed as Russian ones) or a voiced/voiceless or hissing pair. Other substitutions are no
 * typo ("задирать" ≠ "забирать", "отжим" ≠ "отчим"); a missing or extra letter always is.
 */
const CONFUSABLE = new Map<number, number>();
["аоуыэияюе", "бп", "вф", "гкх", "дт", "жшщч", "зсц"].forEach((group, g) => {
  for (const letter of group) CONFUSABLE.set(letter.charCodeAt(0), g);
});
function confusable(a: number, b: number): boolean {
  const group = CONFUSABLE.get(a);
  return group !== undefined && group === CONFUSABLE.get(b);
}

/** Words and stems at least this long accept one typo (substitution, insertion, deletion). */
export const TYPO_MIN_LENGTH = 5;
/** The first letters of a word are never treated as a typo. */
const TYPO_EXACT_PREFIX = 2;
/** ... nor in the last 2 letters of a stem ("ауырта-" must not match "ауырады"). */
const TYPO_EXACT_AFTER = 2;

/**
 * A trie of lexicon words and stems. lookup() walks it once per word: exact matches, plus with
 * one typo (a missing or extra letter, or a confusable one) for entries of at least 5 letters (never in the first 2 letters, and at least two
 * letters after the typo must match exactly). Cost is bounded by the depth of the trie, not by
 * the length of the word. Nodes live in flat arrays (few allocations: fast to build at startup).
 */
export class WordTrie {
  /** child node by parent * 65536 + UTF-16 code of the letter */
  private readonly child = new Map<number, number>();
  private readonly firstChild: number[] = [-1];
  private readonly nextSibling: number[] = [-1];
  private readonly letter: number[] = [0];
  private readonly ends: (WordEnd[] | undefined)[] = [undefined];

  /** typos: false for English, whose many short look-alike words ("grapes"/"gropes") make typo matching unsafe. */
  constructor(private readonly typos = true) {}

  add(key: string, end: WordEnd): void {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let next = this.child.get(node * 65536 + code);
      if (next === undefined) {
        next = this.letter.length;
        this.letter.push(code);
        this.firstChild.push(-1);
        this.nextSibling.push(this.firstChild[node] ?? -1);
        this.ends.push(undefined);
        this.firstChild[node] = next;
        this.child.set(node * 65536 + code, next);
      }
      node = next;
    }
    const list = this.ends[node];
    if (list) list.push(end);
    else this.ends[node] = [end];
  }

  /** Ids of matching word patterns; value: true if it took a typo to match. */
  lookup(word: string): Map<number, boolean> {
    const found = new Map<number, boolean>();
    const length = word.length;
    const record = (node: number, i: number, editAt: number): void => {
      const ends = this.ends[node];
      if (!ends) return;
      for (const end of ends) {
        if (!end.stem && i !== length) continue;
        if (editAt >= 0 && (end.length < TYPO_MIN_LENGTH || end.length < editAt + TYPO_EXACT_AFTER + 1)) continue;
        const edited = editAt >= 0;
        if (!found.has(end.id) || (found.get(end.id) === true && !edited)) found.set(end.id, edited);
      }
    };
    const exact = (from: number, i: number, editAt: number): void => {
      let node: number | undefined = from;
      let k = i;
      while (node !== undefined) {
        record(node, k, editAt);
        if (k >= length) return;
        node = this.child.get(node * 65536 + word.charCodeAt(k));
        k += 1;
      }
    };
    // Walk the exact path; at each depth ≥ 2 also branch once with a typo.
    let node: number | undefined = 0;
    let depth = 0;
    while (node !== undefined) {
      record(node, depth, -1);
      if (this.typos && depth >= TYPO_EXACT_PREFIX) {
        const c = depth < length ? word.charCodeAt(depth) : -1;
        for (let ch = this.firstChild[node] ?? -1; ch >= 0; ch = this.nextSibling[ch] ?? -1) {
          if (c >= 0 && this.letter[ch] !== c && confusable(c, this.letter[ch] ?? 0)) exact(ch, depth + 1, depth); // substitution
          exact(ch, depth, depth); // a letter missing in the child's word
        }
        if (c >= 0) exact(node, depth + 1, depth); // an extra letter in the child's word
      }
      if (depth >= length) break;
      node = this.child.get(node * 65536 + word.charCodeAt(depth));
      depth += 1;
    }
    return found;
  }
}
