// One spelling for comparing a child's words with the library's stems. Children type Kazakh
// without its own letters («кукык» for «құқық»), Russian without ь, ъ and й («бют», «мои»),
// confuse ы and и, mix Latin look-alikes into Cyrillic words, and write whole messages in Latin
// letters («menya byut», «meni uiden kuyp», «qūqyq»). Both sides are folded the same way.

const FOLD: Readonly<Record<string, string>> = {
  ё: "е",
  ә: "а",
  ғ: "г",
  қ: "к",
  ң: "н",
  ө: "о",
  ұ: "у",
  ү: "у",
  і: "и",
  һ: "х",
  й: "и",
  // Kazakh «үй» comes out as "uy", Russian «вы» as "vy": ы and и are one letter here.
  ы: "и",
  ь: "",
  ъ: "",
};

/** Latin letters that look like Cyrillic ones, as typed inside a Cyrillic word («мұғалiм»). */
const LOOKALIKE: Readonly<Record<string, string>> = { a: "а", c: "с", e: "е", i: "и", k: "к", o: "о", p: "р", x: "х", y: "у" };

/** Latin to Cyrillic, longest sequence first: chat transliteration of Russian and Kazakh Latin. */
const TRANSLIT: readonly (readonly [string, string])[] = [
  ["shch", "щ"],
  ["sch", "щ"],
  ["sh", "ш"],
  ["ch", "ч"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ts", "ц"],
  ["ya", "я"],
  ["yu", "ю"],
  ["yo", "е"],
  ["ye", "е"],
  ["ja", "я"],
  ["ju", "ю"],
  ["a", "а"],
  ["b", "б"],
  ["c", "с"],
  ["d", "д"],
  ["e", "е"],
  ["f", "ф"],
  ["g", "г"],
  ["h", "х"],
  ["i", "и"],
  ["j", "ж"],
  ["k", "к"],
  ["l", "л"],
  ["m", "м"],
  ["n", "н"],
  ["o", "о"],
  ["p", "п"],
  ["q", "к"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["u", "у"],
  ["v", "в"],
  ["w", "у"],
  ["x", "х"],
  ["y", "ы"],
  ["z", "з"],
  // Kazakh Latin (2021 alphabet) and its older variants.
  ["ä", "а"],
  ["ğ", "г"],
  ["ı", "ы"],
  ["ñ", "н"],
  ["ö", "о"],
  ["ū", "у"],
  ["ü", "у"],
  ["ş", "ш"],
  ["ç", "ч"],
];

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;

function foldCyrillic(word: string): string {
  let out = "";
  for (const ch of word) out += FOLD[ch] ?? ch;
  return out;
}

function transliterate(word: string): string {
  let out = "";
  let i = 0;
  outer: while (i < word.length) {
    for (const [latin, cyrillic] of TRANSLIT) {
      if (word.startsWith(latin, i)) {
        out += cyrillic;
        i += latin.length;
        continue outer;
      }
    }
    out += word[i];
    i += 1;
  }
  return out;
}

/** A lowercased word in the spelling Cyrillic stems are kept in. */
export function foldWord(word: string): string {
  if (CYRILLIC.test(word)) return foldCyrillic([...word].map((ch) => LOOKALIKE[ch] ?? ch).join(""));
  return word;
}

/**
 * The forms of one typed word to compare: against English stems as typed, against Kazakh and
 * Russian stems folded. A word in Latin letters from a child who reads Kazakh or Russian is
 * transliterated («byut» -> «бют»); an English reader's English words are not. A transliteration
 * is already a guess: the search allows it a typo only in a longer stem (keyboard noise such as
 * "qwerty" would otherwise become «куерти», one typo from «курьер»).
 */
export function wordForms(word: string, transliterateLatin: boolean): { latin: string; cyrillic: string; transliterated: boolean } {
  if (LATIN.test(word)) {
    const transliterated = transliterateLatin && !/^\p{N}+$/u.test(word);
    return { latin: word, cyrillic: transliterated ? foldCyrillic(transliterate(word)) : word, transliterated };
  }
  const folded = foldWord(word);
  return { latin: folded, cyrillic: folded, transliterated: false };
}
