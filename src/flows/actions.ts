// The code that flow files may name: `onComplete` actions and `params` providers. Adding a
// flow that needs new behaviour means adding it here; everything else stays data.
import type { I18n } from "../i18n/i18n.js";
import { isLanguage } from "../i18n/i18n.js";
import type { Db } from "../db/client.js";
import { saveLanguage } from "../domain/children.js";
import { showHelp } from "../bot/features/help.js";
import type { FlowActions } from "./engine.js";

export interface FlowActionDeps {
  db: Db;
  i18n: I18n;
}

export function createFlowActions({ db, i18n }: FlowActionDeps): FlowActions {
  return {
    showHelp: (ctx) => showHelp(ctx, { resume: true }),
    params: {},
    onComplete: {
      saveLanguage: async (ctx, answers) => {
        const language = answers.language;
        if (!isLanguage(language) || !ctx.pseudonym) return;
        await saveLanguage(db, ctx.pseudonym, language);
        ctx.language = language;
        ctx.languageKnown = true;
        ctx.t = i18n.t(language);
      },
    },
  };
}
