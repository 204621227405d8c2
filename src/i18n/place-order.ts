// Lists of place names (regions) in the alphabetical order of the child's language: a child looks
// for «Шығыс Қазақстан» under Ш, not where "East Kazakhstan" falls in English. Written out rather
// than left to Intl.Collator, whose Kazakh data differs between runtimes (Node, Workers).
const KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
const RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
// Kazakh letters in Russian names («область Ұлытау») sort with the Russian letter they sound like.
const KAZAKH_IN_RUSSIAN: Record<string, string> = { ә: "а", ғ: "г", қ: "к", ң: "н", ө: "о", ұ: "у", ү: "у", һ: "х", і: "и" };
// Russian writes some region names after a generic word («область Абай»); the name is what counts.
const GENERIC_WORDS: Record<string, RegExp> = { ru: /^(область|город)\s+/i };

function sortKey(name: string, language: string): number[] {
  const text = name.toLowerCase().replace(GENERIC_WORDS[language] ?? /^$/, "");
  const alphabet = language === "kk" ? KAZAKH : language === "ru" ? RUSSIAN : "";
  return [...text].map((ch) => {
    const letter = language === "ru" ? (KAZAKH_IN_RUSSIAN[ch] ?? ch) : ch;
    const index = alphabet.indexOf(letter);
    // Letters of the alphabet after spaces, hyphens and digits; other letters (Latin) by code point.
    return index >= 0 ? 0x10000 + index : letter.codePointAt(0)!;
  });
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The items ordered by their names in `language` (kk, ru: their alphabets; others: code points). */
export function sortByName<T>(items: readonly T[], name: (item: T) => string, language: string): T[] {
  return items
    .map((item) => ({ item, key: sortKey(name(item), language) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}
