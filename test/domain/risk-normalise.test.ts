// The normaliser of the risk detector: Kazakh letters, transliteration, look-alikes, repeated
// letters, one typo on long stems, and the mapping back to the child's own words.
import { describe, expect, it } from "vitest";
import { collapse, cyrillicKey, foldCyrillic, fragment, tokenise, transliterate, WordTrie } from "../../src/domain/risk/normalise.ts";
import { detectRisk } from "../../src/domain/risk/detect.ts";

const forms = (text: string) => tokenise(text).tokens.map((t) => t.cyr);

describe("Kazakh letters and their keyboard-less substitutes", () => {
  it("folds both spellings to one key", () => {
    expect(cyrillicKey("өлгім келеді")).toBe(cyrillicKey("олгим келеди"));
    expect(cyrillicKey("әкем ұрады")).toBe(cyrillicKey("акем урады"));
    expect(cyrillicKey("ғ қ ң ү һ і")).toBe("г к н у х и");
    expect(foldCyrillic("ёлка подъезд")).toBe("елка подезд");
  });

  it("matches a word typed without a Kazakh keyboard, both ways", () => {
    expect(detectRisk("улгим келеди").level).toBe("urgent"); // ө typed as у
    expect(detectRisk("озимди олтиремин").level).toBe("urgent");
    expect(detectRisk("мени урады").findings.map((f) => f.signal)).toEqual(["violence"]);
  });
});

describe("Latin letters", () => {
  it("transliterates Russian chat Latin", () => {
    expect(transliterate("hochu")).toBe("хочу");
    expect(transliterate("zhit")).toBe("жит");
    expect(transliterate("pristaet")).toBe("пристает");
    expect(transliterate("menya")).toBe("меня");
    expect(transliterate("schetchik")).toBe("щетчик");
    expect(forms("ne hochu zhit")).toEqual(["не", "хочу", "жит"]);
  });

  it("transliterates the 2021 Kazakh Latin alphabet and informal Kazakh Latin", () => {
    expect(forms("ölgım keledı")).toEqual(forms("өлгім келеді"));
    expect(forms("ağam menı soğyp jıberdı")).toEqual(forms("ағам мені соғып жіберді"));
    expect(forms("şaşymdy")).toEqual(forms("шашымды"));
    expect(forms("olgim kep tur")).toEqual(forms("өлгім кеп тұр"));
    expect(forms("akem urady")).toEqual(forms("әкем урады"));
  });

  it("reads j as ж for Kazakh and as я/ю/ё for Russian chat", () => {
    const [joq] = tokenise("joq").tokens;
    expect(joq?.cyr).toBe("ек"); // Russian reading: "jo" = ё
    expect(joq?.cyrAlt).toBe(cyrillicKey("жоқ")); // Kazakh reading
    expect(detectRisk("ogei akem mamam jokta magan jabysady").level).toBe("urgent");
  });

  it("reads a Latin i as ы in back-vowelled Kazakh words (vowel harmony), as і otherwise", () => {
    const [urip, jatyr, meni] = tokenise("urip jatir meni").tokens;
    expect(urip?.cyrAlt).toBe(cyrillicKey("ұрып"));
    expect(jatyr?.cyrAlt).toBe(cyrillicKey("жатыр"));
    expect(meni?.cyrAlt).toBe(""); // front vowels: the Russian reading already gives "мени" = мені
    expect(meni?.cyr).toBe(cyrillicKey("мені"));
    expect(detectRisk("kazir akem meni urip jatyr").level).toBe("urgent");
  });

  it("turns Latin and digit look-alikes inside Cyrillic words into Cyrillic", () => {
    expect(forms("yбью ceбя")).toEqual(forms("убью себя"));
    expect(forms("мен озимди олтiрем")).toEqual(forms("мен озимди олтірем"));
    expect(forms("уб3ю")).toEqual(["убзю"]);
  });

  it("keeps English words English", () => {
    const [word] = tokenise("Suicide").tokens;
    expect(word?.lat).toBe("suicide");
    expect(detectRisk("suicide squad is a good movie").findings).toEqual([]);
  });
});

describe("repeated letters", () => {
  it("collapses runs and elongated iotated vowels", () => {
    expect(collapse("помогитеее")).toBe("помогите");
    expect(collapse("хочууу")).toBe("хочу");
    expect(collapse("убьюуу")).toBe("убью");
    expect(forms("ХОЧУУУ УМЕРЕТЬЬЬ")).toEqual(forms("хочу умереть"));
    expect(detectRisk("I WANT TO DIEEEE").level).toBe("urgent");
    expect(detectRisk("помогитеее").level).toBe("urgent");
  });
});

describe("one typo on long stems", () => {
  const trie = new WordTrie();
  trie.add(cyrillicKey("суицид"), { id: 1, stem: true, length: 6 });
  trie.add(cyrillicKey("самоубийств"), { id: 2, stem: true, length: cyrillicKey("самоубийств").length });
  trie.add(cyrillicKey("убью"), { id: 3, stem: false, length: 4 });

  it("accepts one substitution, insertion or deletion", () => {
    expect([...trie.lookup(cyrillicKey("суицидом"))]).toEqual([[1, false]]);
    expect([...trie.lookup(cyrillicKey("суецид"))]).toEqual([[1, true]]); // substitution
    expect([...trie.lookup(cyrillicKey("суиицид"))]).toEqual([[1, false]]); // repeat collapsed
    expect([...trie.lookup(cyrillicKey("суиццида"))]).toEqual([[1, false]]);
    expect([...trie.lookup(cyrillicKey("суйцид"))]).toEqual([[1, false]]); // й folds to и
    expect([...trie.lookup(cyrillicKey("сувицид"))]).toEqual([[1, true]]); // insertion
    expect([...trie.lookup(cyrillicKey("суцид"))]).toEqual([[1, true]]); // deletion
    expect([...trie.lookup(cyrillicKey("самоубиство"))]).toEqual([[2, false]]);
    expect([...trie.lookup(cyrillicKey("самоубйиство"))]).toEqual([[2, false]]);
  });

  it("never on short words, the first two letters or the last two letters of a stem", () => {
    expect(trie.lookup(cyrillicKey("убю")).size).toBe(1); // ь is dropped by folding: the same word
    expect(trie.lookup(cyrillicKey("убею")).size).toBe(0); // 4 letters: no typo allowed
    expect(trie.lookup(cyrillicKey("сыицид")).size).toBe(0); // second letter
    expect(trie.lookup(cyrillicKey("суицит")).size).toBe(0); // last letters
    expect(trie.lookup(cyrillicKey("суецит")).size).toBe(0); // two typos
  });

  it("is used by the detector", () => {
    expect(detectRisk("думаю про суецид").level).toBe("urgent");
    expect(detectRisk("самоубиство").level).toBe("urgent");
    expect(detectRisk("изнасиловли").level).toBe("urgent");
  });

  it("does not turn a known word into a typo of another one", () => {
    // "отчим" (stepfather) is one letter away from "отжим" (extortion slang)
    expect(detectRisk("отчим купил мне велосипед").findings).toEqual([]);
  });
});

describe("fragments of the original text", () => {
  it("maps a match back to the child's own spelling", () => {
    expect(detectRisk("Я ХОЧУУУ УМЕРЕТЬ!!!").findings[0]?.match).toBe("ХОЧУУУ УМЕРЕТЬ");
    expect(detectRisk("olgim kep tur").findings[0]?.match).toBe("olgim kep");
    expect(detectRisk("yбью ceбя").findings[0]?.match).toBe("yбью ceбя");
    expect(detectRisk("он 🙂\nбьет\nменя").findings[0]?.match).toBe("бьет меня");
  });

  it("cuts a long fragment to 40 characters", () => {
    const { text, tokens } = tokenise("a".repeat(30) + " " + "b".repeat(30));
    const cut = fragment(text, tokens, 0, 1);
    expect(Array.from(cut)).toHaveLength(40);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("keeps sentence and clause numbers (negation and rules stay inside them)", () => {
    const { tokens } = tokenise("не знаю, хочу умереть. папа...бьет меня!!! сейчас");
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(tokens[1]?.clause).not.toBe(tokens[2]?.clause);
    expect(detectRisk("не знаю, хочу умереть").level).toBe("urgent");
  });

  it("drops Kazakh case endings written after a hyphen", () => {
    expect(tokenise("ҰБТ-дан құладым").tokens.map((t) => t.cyr)).toEqual(["убт", "куладым"]);
    expect(tokenise("ұрып-соғады").tokens).toHaveLength(2);
  });
});
