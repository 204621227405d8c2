// The code that flow files may name (actions, guards, params, step entries and nav screens),
// gathered from the features and handed to the engine when the app is assembled. Features depend
// on the engine; the engine knows only this registry. A flow that needs new behaviour adds it here.
import type { BotContext } from "./context.js";
import type { FlowActions } from "../flows/actions.js";
import { isLanguage } from "../i18n/i18n.js";
import { saveLanguage } from "../domain/children.js";
import { showHelp } from "./features/help.js";
import { followupActions, showMyReports } from "./features/followup.js";
import { reportActions } from "./features/report-actions.js";
import { rightsActions } from "./features/rights.js";
import { quizActions } from "./features/quiz.js";
import { showCrisisHelp } from "./features/listen.js";
import { chooseRegion } from "./features/help-region.js";

/** The language flow's answer becomes the child's saved language, used from this update on. */
async function saveChosenLanguage(ctx: BotContext, state: { answers: Record<string, string> }): Promise<void> {
  const language = state.answers.language;
  if (!isLanguage(language) || !ctx.pseudonym) return;
  await saveLanguage(ctx.services.db, ctx.pseudonym, language);
  ctx.language = language;
  ctx.languageKnown = true;
  ctx.t = ctx.services.i18n.t(language);
}

export const flowActions: FlowActions<BotContext> = {
  nav: {
    help: showHelp,
    reports: showMyReports,
    rights_crisis: showCrisisHelp,
    help_region: chooseRegion,
  },
  params: { ...reportActions.params, ...rightsActions.params, ...quizActions.params },
  guards: { ...reportActions.guards },
  onEnter: { ...reportActions.onEnter, ...quizActions.onEnter },
  onPress: { ...rightsActions.onPress },
  onComplete: { ...reportActions.onComplete, ...followupActions.onComplete, saveLanguage: saveChosenLanguage },
  checks: { ...followupActions.checks, ...rightsActions.checks },
};
