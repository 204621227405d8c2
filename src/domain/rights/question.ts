// Whether typed words read as a question about rights ("can my teacher take my phone?", "бола ма",
// "имею ли я право") rather than a story: a question gets the rights topics first, and the offer
// to tell the team if it is happening to the child, instead of "thank you for telling me".

const RU =
  /(^|[\s,])(ли|можно|могут|может|имею|имеет|обязан[аы]?|должен|должна|должны|как|кто|когда|где|куда|какой|какая|какие|каких|сколько|скольки|почему|зачем|разве|что делать|что будет)([\s,?!.]|$)/u;
const KK =
  /(^|[\s,])(ма|ме|ба|бе|па|пе|ма екен|қалай|кім|кімге|қашан|қайда|қандай|неше|неге|не істеу|не істеймін|не істесем|не істеуім керек|қайтсем|не болады|рұқсат)([\s,?!.]|$)/u;
// Russian and Kazakh question words typed in Latin letters ("mozhno li", "qalai").
const TRANSLIT =
  /(^|[\s,])(li|mozhno|chto delat|pochemu|kak|gde|kuda|kogda|skolko|qalai|kalai|qaida|kaida|qashan|kashan|nege|neshe)([\s,?!.]|$)/u;
const EN = /^(can|could|may|is|are|am|do|does|did|what|how|who|when|where|why|should|must|will|would|at what)\b/u;

export function looksLikeQuestion(text: string): boolean {
  const t = text.trim().toLowerCase().replace(/ё/g, "е");
  if (t.includes("?")) return true;
  return RU.test(t) || KK.test(t) || TRANSLIT.test(t) || EN.test(t);
}
