// Showing a screen: edit the message whose button was pressed (fewer traces in the chat), or
// send a new one. Every screen carries a way to help.
import { GrammyError, InlineKeyboard, type Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { ChildTranslate } from "../i18n/i18n.js";
import { encodeCallback } from "./callback-data.js";

/**
 * What showing a screen needs from an update. Any context with these (the bot's, the flow
 * engine's) can show one; this file depends on no context type of its own.
 */
export interface ScreenContext extends Pick<Context, "callbackQuery" | "editMessageText" | "reply"> {
  t: ChildTranslate;
  /** Show the next screen as a new message instead of editing the one tapped (an old button). */
  freshScreen?: boolean;
}

export interface Screen {
  text: string;
  rows: InlineKeyboardButton[][];
}

/** The buttons that lead to the main screens (their handlers are in features/). */
export const navData = {
  help: encodeCallback({ kind: "nav.help" }),
  menu: encodeCallback({ kind: "nav.menu" }),
  language: encodeCallback({ kind: "nav.language" }),
  resume: encodeCallback({ kind: "nav.resume" }),
  reports: encodeCallback({ kind: "nav.reports" }),
} as const;

/** The quick exit button (sensitive screens). */
export const quickExitData = encodeCallback({ kind: "quickExit" });

/** The row under every screen: help is always one tap away. */
export function helpRow(ctx: Pick<ScreenContext, "t">, options: { menu?: boolean } = {}): InlineKeyboardButton[] {
  const row: InlineKeyboardButton[] = [{ text: ctx.t("nav.help"), callback_data: navData.help }];
  if (options.menu !== false) row.push({ text: ctx.t("nav.menu"), callback_data: navData.menu });
  return row;
}

/** For the child's own words (and anything else not written by us) inside an HTML message. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Buttons laid out `perRow` to a row (regions, themes, age bands). */
export function inRows<T>(buttons: T[], perRow = 2): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

/** Shows the screen; returns the id of the message that shows it. */
export async function show(ctx: ScreenContext, screen: Screen): Promise<number> {
  const reply_markup = InlineKeyboard.from(screen.rows);
  const message = ctx.freshScreen ? undefined : ctx.callbackQuery?.message;
  if (message && "text" in message) {
    try {
      await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup });
      return message.message_id;
    } catch (e) {
      // Same content (a double tap) needs nothing more; a message too old to edit gets a new one.
      if (e instanceof GrammyError && e.description.includes("message is not modified")) return message.message_id;
      if (!(e instanceof GrammyError) || e.error_code !== 400) throw e;
    }
  }
  return (await ctx.reply(screen.text, { parse_mode: "HTML", reply_markup })).message_id;
}
