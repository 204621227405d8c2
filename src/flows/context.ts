// The engine's view of an update: what it needs from grammY's context and no more. The bot's
// context (bot/context.ts) has all of it; the engine never imports the bot's types, so features
// may depend on the engine and not the reverse.
import type { Context } from "grammy";
import type { Language } from "../i18n/i18n.js";
import type { ScreenContext } from "../bot/screen.js";
import type { FlowSession } from "./state.js";

export interface FlowContext extends ScreenContext, Pick<Context, "answerCallbackQuery"> {
  session: FlowSession;
  language: Language;
}
