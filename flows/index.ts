// Every conversation, listed once: adding one is a JSON file in this folder, its line here, its
// texts in locales/ and a button that leads to it (a menu in another flow file); no code
// elsewhere changes. A list rather than a folder scan, because the Workers bundle has no file
// system: the bundler follows these imports. The registry (src/flows/registry.ts) validates them.
import menu from "./menu.json" with { type: "json" };
import onboarding from "./onboarding.json" with { type: "json" };
import language from "./language.json" with { type: "json" };
import report from "./report.json" with { type: "json" };
import rights from "./rights.json" with { type: "json" };
import caseCode from "./case_code.json" with { type: "json" };
import reportMessage from "./report_message.json" with { type: "json" };
import rightsQuestion from "./rights_question.json" with { type: "json" };
import cyberbullying from "./cyberbullying.json" with { type: "json" };
import quiz from "./quiz.json" with { type: "json" };

/** By file name (without .json), which must be the flow's id. */
export const flowFiles: Record<string, unknown> = {
  menu,
  onboarding,
  language,
  report,
  rights,
  case_code: caseCode,
  report_message: reportMessage,
  rights_question: rightsQuestion,
  cyberbullying,
  quiz,
};
