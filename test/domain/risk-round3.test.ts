// Round 3: suicide by method or ending said indirectly, running away / nowhere to sleep, songs and
// quotes as safe context (without hiding the child's own statement), Kazakh typed in Latin letters.
// Phrasings here are examples of word families in the lexicons, not copies of lexicon entries.
import { describe, it } from "vitest";
import { check, harmless } from "./risk-cases.ts";

describe("suicide by method or by ending, said indirectly", () => {
  it("Kazakh: hanging (ас-/асыл-), jumping, the end, the last letter, farewells", () => {
    check([
      ["өзімді асып қоямын", "suicide"],
      ["ozimdi asyp qoiamyn", "suicide"],
      ["бүгін өзімді асамын", "suicide"],
      ["асылып қалғым келіп жүр", "suicide"],
      ["бесінші қабаттан секіремін", "suicide"],
      ["бәрі жақында аяқталады, шаршадым", "suicide"],
      ["бұл менің соңғы хатым", "suicide"],
      ["мені іздемеңдер", "suicide"],
      ["поездың астына түсемін", "suicide"],
      ["ұйықтап, қайтып оянбасам екен", "suicide"],
    ]);
    harmless([
      "қазан асып қойдым",
      "ол шектен асып кетті",
      "тау асып ауылға бардық",
      "сабақ жақында бітеді",
      "ертең бәрі аяқталады, емтихан бітеді",
      "бассейнге секірдім",
      "қош болыңдар, ертең көрісеміз",
    ]);
  });
  it("Russian: out of the window, off the roof, 'it will all end soon', 'soon I won't be here'", () => {
    check([
      ["выйду в окно", "suicide"],
      ["шагну с крыши", "suicide"],
      ["встану на подоконник и шагну вниз", "suicide"],
      ["я устал от всего скоро это закончится", "suicide"],
      ["скоро всё закончится", "suicide"],
      ["меня скоро не будет", "suicide"],
      ["лягу на рельсы ночью", "suicide"],
      ["это моя последняя ночь", "suicide"],
      ["скоро вы от меня отдохнёте навсегда", "suicide"],
    ]);
    harmless([
      "выгляну в окно посмотреть на снег",
      "скоро четверть закончится, ура",
      "меня не будет на тренировке в среду",
      "выпил таблетку от головы",
      "петля на шнурке развязалась",
      "закончу всё и лягу спать",
      "выйду на балкон подышать",
      "последний день каникул, грустно",
    ]);
  });
  it("English: jump off, hang myself, 'it will all be over soon'", () => {
    check([
      ["i'll hang myself", "suicide"],
      ["im going to leap from the 10th floor", "suicide"],
      ["im going up to the roof to jump", "suicide"],
      ["it will all be over soon", "suicide"],
      ["soon ill be gone and nobody will care", "suicide"],
      ["tonight im ending it", "suicide"],
      ["this is my last night", "suicide"],
    ]);
    harmless([
      "my cat jumped off the roof of the shed",
      "the school year will be over soon",
      "ill be gone for the weekend at grandmas",
      "my last day at camp was sad",
      "im ending the call now",
      "i fell on the floor",
      "hang my coat on the door",
    ]);
  });
});

describe("running away, thrown out, nowhere to sleep", () => {
  it("Kazakh", () => {
    check([
      ["мен үйден қаштым қазір далада жүрмін", "neglect"],
      ["men uiden qashtym qazir dalada jurmin", "neglect"],
      ["үйден кетіп қалдым, қайда барарымды білмеймін", "neglect"],
      ["барар жерім жоқ енді", "neglect"],
      ["подъезде түнеп жүрмін", "neglect"],
      ["әкем үйге кіргізбейді, далада отырмын", "neglect"],
      ["үйге қайтпаймын", "neglect"],
    ]);
    harmless([
      "мектепке үйден ерте шықтым",
      "достарыммен далада жүрміз",
      "жазда далада палаткада түнедік",
      "ит үйден қашып кетті",
      "демалыста баратын жер жоқ, зеріктім",
      "ойында үйден қаштым",
    ]);
  });
  it("Russian", () => {
    check([
      ["я сбежала из дома и не вернусь", "neglect"],
      ["сплю на вокзале третий день", "neglect"],
      ["мне некуда идти", "neglect"],
      ["меня выставили за дверь ночью", "neglect"],
      ["сижу на улице, домой нельзя", "neglect"],
    ]);
    harmless([
      "ушла из дома в 7 утра в школу",
      "ночевали в палатке на улице в походе",
      "в субботу некуда пойти, скучно",
      "мама выгнала кота на улицу",
      "выгнали из чата класса за спам",
    ]);
  });
  it("English", () => {
    check([
      ["i ran away from home last night", "neglect"],
      ["slept in the park last night", "neglect"],
      ["they wont let me back in the house", "neglect"],
      ["im scared to go home", "neglect"],
      ["i dont have a place to stay tonight", "neglect"],
    ]);
    harmless([
      "we slept outside in tents at camp",
      "nowhere to go this weekend so bored",
      "locked out of my account again",
      "ran away from the dog lol",
      "i left home early for school",
    ]);
  });
});

describe("songs, lyrics, quotes, films, books, poems", () => {
  it("are a safe context for suicide words in all three languages", () => {
    harmless([
      "слушаю песню умирать не страшно",
      "строчка из трека: я убью себя завтра",
      "в книге написано: меня скоро не будет",
      "в клипе он режет вены",
      "әннің бір жолы: өлсем екен",
      "клипте жігіт терезеден секіреді",
      "өлең жолы: бұл өмірден кетемін",
      "the lyrics say kill myself tonight",
      "my favourite lyric is better off dead",
      "the film ends with her jumping off the roof",
    ]);
  });
  it("do not cancel the child's own statement in the same sentence", () => {
    check([
      ["я пишу стихи, потому что хочу умереть", "suicide"],
      ["эта песня про меня, я хочу покончить с собой", "suicide"],
      ["мама слушает песни а я хочу повеситься", "suicide"],
      ["әзіл емес, ән емес, мен өлгім келеді", "suicide"],
      ["фильм көрдім, сосын өзімді өлтіргім келді", "suicide"],
      ["my sister plays music and i want to die", "suicide"],
      ["not a song lyric, i want to kill myself", "suicide"],
    ]);
  });
});

describe("Kazakh in Latin letters", () => {
  it("reads disclosures, and questions about rights are no alarm", () => {
    harmless([
      "ata-anam menin aqshamdy ala ala ma",
      "mugalim telefondy tartyp ala ala ma",
      "ata-anam menin telefonymdy tekseruge quqyly ma",
    ]);
    check([
      ["aqshamdy tartyp alady ulken balalar", "extortion"],
      ["asylyp olgim keledi", "suicide"],
      ["terezeden sekiremin", "suicide"],
    ]);
  });
});
