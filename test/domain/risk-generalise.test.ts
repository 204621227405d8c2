// Phrasings and harmless look-alikes beyond the evaluation set (test/eval/risk): word families,
// Kazakh suffix chains, indirect disclosures, and ordinary sentences that share their words.
import { describe, it } from "vitest";
import { check, harmless } from "./risk-cases.ts";

describe("Kazakh", () => {
  it("reads threats as a first-person future of a harm verb, quoted or aimed at 'you'", () => {
    check([
      ["сені өлтіремін деп жазды", "threats"],
      ["бір бала маған ертең келсең басыңды жарамын деді", "threats"],
      ["анаңа айтсаң үйіңді өртеймін деді", "threats"],
      ["олар мені ұстап алып соямыз дейді", "threats"],
      ["чатта маған өлесің деп жазды", "threats"],
      ["олар маған анаңа айтсаң үйіңе келеміз деді", "threats"],
      ["seni uramyz dep jazdy", "threats"],
    ]);
  });
  it("reads indirect sexual abuse: secrets, undressing, voyeurism, night visits with contact", () => {
    check([
      ["ағам түнде төсегіме келеді", "sexual_abuse"],
      ["ол мені ұстайды және бұл біздің құпия дейді", "sexual_abuse"],
      ["ол менің трусиімді шешіп алды", "sexual_abuse"],
      ["өгей әкем ваннаға кіріп кетеді мен жуынып жатқанда", "sexual_abuse"],
      ["әкемнің досы мені оңаша бөлмеге шақырады, ұнамайтын нәрселер істейді", "sexual_abuse"],
      ["ол мені өпті, мен қаламадым", "sexual_abuse"],
      ["ағам мені түнде оятып өзіне тартады", "sexual_abuse"],
      ["ол мені өзін ұстауға мәжбүрлейді", "sexual_abuse"],
      ["agam meni ustaidy anam joqta", "sexual_abuse"],
      ["agam tunde tosegime keledi", "sexual_abuse"],
    ]);
  });
  it("reads danger now, leaving forever, childcare instead of school, nobody feeding us", () => {
    check([
      ["қазір үйде өрт шықты", "immediate_danger"],
      ["әпкем мені ұстап отыр, жібермейді", "immediate_danger"],
      ["бүгін түнде бәрін тоқтатамын", "suicide"],
      ["ешкім мені сағынбайды, кетіп қалғым келеді мәңгілікке", "suicide"],
      ["бала күтуге мәжбүрлейді сабаққа бармаймын", "forced_work"],
      ["бізді ешкім тамақтандырмайды", "neglect"],
      ["олар менен күнде ақша сұрайды, бермесем ұрады", "extortion"],
      ["өгей әкем менің бөлмеме түнде келіп, көрпемді ашады", "sexual_abuse"],
      ["видеода шешінсең ақша беремін деді", "sexual_abuse"],
      ["мені бір бейтаныс адам машинаға салып әкетті", "immediate_danger"],
      ["бұл өмірде мен артықпын", "suicide"],
      ["мен жоқ болсам анам жыламайды", "suicide"],
      ["олар менен күнде 500 теңге алады", "extortion"],
      ["ағам анам жұмыста болғанда мені бөлмесіне кіргізеді", "sexual_abuse"],
    ]);
  });
  it("leaves ordinary sentences with өлтір-, өл-, ұр-, соқ-, қорқыт-, ұста-, жалаңаш, ақша, жұмыс alone", () => {
    harmless([
      "әпкем мысықты ұстап тұр",
      "ағам мені велосипедте ұстап тұрды",
      "әжем кілемді ұрып шаңын қақты",
      "тамшылар терезені ұрып тұр",
      "ит мені қорқытты, үрді",
      "інім маска киіп мені қорқытты",
      "шатыр үстінде найзағай бізді қорқытты",
      "мұғалім бізді қорқытып бақылау жұмысы болады деді",
      "күзде ағаштар жалаңаштанады",
      "мен сурет салуды жақсы көремін, жалаңаш ағаштың суретін салдым",
      "ағам түнде келіп сабақ түсіндірді",
      "ағам жұмысқа кетіп, түнде келеді",
      "әкем түнде жұмыс істейді, анам үйде",
      "атам мені тізесіне отырғызып ертегі айтты",
      "апам мені құшақтап сүйді, сағыныпты",
      "дәрігер мені тексеріп, шешін деді",
      "сабақтан кейін күтіп тұрамын, бірге үйге барайық",
      "ертең бәрін бітіремін, үй тапсырмасын",
      "ойында зомбиді өлтіріп, келесі деңгейге өттім",
      "мен келесі сыныпқа өттім",
      "інімнің суретін жібердім",
      "ол ақша сұрады, мен бердім, ол досым ғой",
      "ақша бермесең кітап бермеймін деді кітапханашы, айыппұл",
      "ертең тойда келінді шешіндірмейді, бет ашар болады",
      "інім түнде қорқып, қасыма жатып алды",
      "анам мені ұстап алып, құшақтап сүйді",
      "әкем түнде келіп, бізге сыйлық әкелді",
      "ағам мені түнде оятып, сәресіге шақырды",
      "мысығым түнде төсегіме келіп ұйықтайды",
      "жаңа ғана ұрып-соғысатын фильм көрдім",
      "бөлмеге қамалып, сабақ оқыдым",
    ]);
  });
});

describe("Russian", () => {
  it("reads threats, extortion and violence by their word families", () => {
    check([
      ["убью если расскажешь", "threats"],
      ["сказал что сожжет наш дом", "threats"],
      ["пишут что я не доживу до выходных", "threats"],
      ["если скажешь учителю мы тебя закопаем", "threats"],
      ["каждый день забирают мои деньги на обед", "extortion"],
      ["каждый день отжимают деньги", "extortion"],
      ["он забирает телефон и говорит выкупай", "extortion"],
      ["меня заставляют покупать им еду в столовой", "extortion"],
      ["пацаны требуют чтобы я каждый день приносил по 1000", "extortion"],
      ["мне сломали нос одноклассники", "violence"],
      ["отчим толкнул меня в стену", "violence"],
      ["папа кидается на меня с кулаками", "violence"],
    ]);
  });
  it("reads sexual abuse, forced work and danger told indirectly", () => {
    check([
      ["он сказал снять футболку на камеру", "sexual_abuse"],
      ["дядя засунул руку мне в трусы", "sexual_abuse"],
      ["тренер обнимает и трогает везде", "sexual_abuse"],
      ["физрук заставляет переодеваться при нем", "sexual_abuse"],
      ["мамин сожитель заходит ко мне в комнату ночью и трогает", "sexual_abuse"],
      ["мама не пускает в школу заставляет сидеть с младшими", "forced_work"],
      ["меня отдали работать в цех, учиться не дают", "forced_work"],
      ["меня везут куда-то незнакомые люди", "immediate_danger"],
      ["у нас дома пожар", "immediate_danger"],
      ["хочу выйти в окно", "suicide"],
      ["больше не могу, хочу чтобы все закончилось навсегда", "suicide"],
      ["он сказал что если я не отправлю фото без одежды он расскажет всем", "sexual_abuse"],
      ["они сказали что меня прирежут", "threats"],
      ["сказал что я пожалею если кому-то скажу", "threats"],
      ["он предлагает мне деньги за фото", "sexual_abuse"],
    ]);
  });
  it("leaves look-alikes alone", () => {
    harmless([
      "мама забрала телефон за двойку",
      "на боксе тренер заставил делать 100 отжиманий",
      "брат толкнул меня в бассейн, было весело",
      "бабушка гладит меня по голове",
      "папа везет меня куда-то, говорит сюрприз",
      "на уроке была учебная пожарная тревога",
      "учитель пригрозил вызвать родителей",
      "он сказал что сожжет эти фотки из детства, они смешные",
      "сижу с младшим братом пока мама в магазине",
      "папа с топором колет дрова",
      "мама гладит мне рубашку",
      "он показал мне свой новый телефон",
    ]);
  });
});

describe("English", () => {
  it("reads forced work, neglect, self-harm, danger and goodbyes", () => {
    check([
      ["my mom makes me babysit every day so i cant go to school", "forced_work"],
      ["i work in the cotton fields and im 11", "forced_work"],
      ["i clean other peoples houses every day and my mom takes the money", "forced_work"],
      ["no one feeds us", "neglect"],
      ["my parents leave us alone for days", "neglect"],
      ["my dad locks the fridge", "neglect"],
      ["my parents forget to pick me up and i wait for hours", "neglect"],
      ["i carve words into my skin", "self_harm"],
      ["i punch walls till my knuckles bleed", "self_harm"],
      ["i use a blade on my arms when i feel empty", "self_harm"],
      ["my dad has a knife and hes drunk", "immediate_danger"],
      ["im hiding in the bathroom hes drunk and angry", "immediate_danger"],
      ["a stranger is taking me somewhere", "immediate_danger"],
      ["our house is on fire", "immediate_danger"],
      ["he comes into my room when everyone is asleep", "sexual_abuse"],
      ["this is my goodbye", "suicide"],
      ["i think everyone would be happier if i just disappeared", "suicide"],
      ["i dont see myself alive next year", "suicide"],
      ["i researched how to do it painlessly", "suicide"],
      ["i gave away my stuff, i wont need it", "suicide"],
      ["there is someone in my house i dont know", "immediate_danger"],
      ["my stepdad watches me shower", "sexual_abuse"],
      ["nobody would care if i was gone", "suicide"],
      ["i sell flowers on the street every night instead of school", "forced_work"],
    ]);
  });
  it("leaves look-alikes alone", () => {
    harmless([
      "we had nothing to eat because we forgot lunch lol",
      "i havent eaten breakfast yet",
      "i cut myself a slice of cake",
      "i have cuts on my knees from falling off my bike",
      "my dad is taking me somewhere for my birthday surprise",
      "i work at the market with my mom on weekends and i like it",
      "nobody cares if i wear pink lol",
      "im hiding from my sister, we play hide and seek",
      "this song is fire",
      "we had a fire drill at school",
      "my dad locked the door so the dog cant get out",
    ]);
  });
});
