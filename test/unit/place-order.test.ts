// Region lists follow each language's own alphabet (Kazakh letters where Kazakh puts them,
// Russian names without their «область»), the same order on every runtime.
import { describe, expect, it } from "vitest";
import { sortByName } from "../../src/i18n/place-order.ts";

const sorted = (names: string[], lang: string) => sortByName(names, (n) => n, lang);

describe("sortByName", () => {
  it("puts Kazakh letters in the Kazakh alphabet's order", () => {
    expect(
      sorted(
        [
          "Шымкент",
          "Ұлытау облысы",
          "Шығыс Қазақстан облысы",
          "Алматы облысы",
          "Ақтөбе облысы",
          "Ақмола облысы",
          "Қостанай облысы",
          "Түркістан облысы",
          "Үржар",
          "Кентау",
        ],
        "kk",
      ),
    ).toEqual([
      "Ақмола облысы",
      "Ақтөбе облысы",
      "Алматы облысы",
      "Кентау",
      "Қостанай облысы",
      "Түркістан облысы",
      "Ұлытау облысы",
      "Үржар",
      "Шығыс Қазақстан облысы",
      "Шымкент",
    ]);
  });

  it("sorts Russian names by the name, not by «область», with Kazakh letters as the Russian ones", () => {
    expect(
      sorted(
        [
          "область Ұлытау",
          "Туркестанская область",
          "область Абай",
          "Акмолинская область",
          "область Жетісу",
          "Жамбылская область",
          "Шымкент",
        ],
        "ru",
      ),
    ).toEqual([
      "область Абай",
      "Акмолинская область",
      "Жамбылская область",
      "область Жетісу",
      "Туркестанская область",
      "область Ұлытау",
      "Шымкент",
    ]);
  });

  it("keeps English alphabetical and a shorter name first", () => {
    expect(sorted(["West Kazakhstan Region", "Almaty Region", "East Kazakhstan Region", "Almaty"], "en")).toEqual([
      "Almaty",
      "Almaty Region",
      "East Kazakhstan Region",
      "West Kazakhstan Region",
    ]);
  });
});
