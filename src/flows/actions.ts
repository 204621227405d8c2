// The code that flow files may name: actions, guards, params, step entries and nav screens. Adding a
// flow that needs new behaviour means adding it here; everything else stays data.
import type { I18n } from "../i18n/i18n.js";
import { isLanguage } from "../i18n/i18n.js";
import type { Db } from "../db/client.js";
import { saveLanguage } from "../domain/children.js";
import { showHelp } from "../bot/features/help.js";
import { showMyReports } from "../bot/features/followup.js";
import { reportActions } from "../bot/features/report-actions.js";
import { askQuestion, showThemes } from "../bot/features/rights.js";
import { showQuizIntro } from "../bot/features/quiz.js";
import { chooseRegion } from "../bot/features/help-region.js";
import type { FlowActions } from "./engine.js";

export interface FlowActionDeps {
  db: Db;
  i18n: I18n;
}

export function createFlowActions({ db, i18n }: FlowActionDeps): FlowActions {
  return {
    nav: {
      help: (ctx) => showHelp(ctx, { resume: true }),
      reports: showMyReports,
      rights_topics: (ctx) => showThemes(ctx),
      rights_ask: askQuestion,
      quiz: showQuizIntro,
      help_region: chooseRegion,
    },
    params: { ...reportActions.params },
    guards: { ...reportActions.guards },
    onEnter: { ...reportActions.onEnter },
    onComplete: {
      ...reportActions.onComplete,
      saveLanguage: async (ctx, state) => {
        const language = state.answers.language;
        if (!isLanguage(language) || !ctx.pseudonym) return;
        await saveLanguage(db, ctx.pseudonym, language);
        ctx.language = language;
        ctx.languageKnown = true;
        ctx.t = i18n.t(language);
      },
    },
  };
}
