// Showing a screen: edit the message whose button was pressed (fewer traces in the chat), or
// send a new one. Every screen carries a way to help.
import { GrammyError, InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "./context.js";

export interface Screen {
  text: string;
  rows: InlineKeyboardButton[][];
}

export const navData = {
  help: "nav:help",
  menu: "nav:menu",
  language: "nav:lang",
  resume: "nav:resume",
  reports: "nav:reports",
} as const;

/** The row under every screen: help is always one tap away. */
export function helpRow(ctx: BotContext, options: { menu?: boolean } = {}): InlineKeyboardButton[] {
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

export async function show(ctx: BotContext, screen: Screen): Promise<void> {
  const reply_markup = InlineKeyboard.from(screen.rows);
  const message = ctx.freshScreen ? undefined : ctx.callbackQuery?.message;
  if (message && "text" in message) {
    try {
      await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup });
      return;
    } catch (e) {
      // Same content (a double tap) needs nothing more; a message too old to edit gets a new one.
      if (e instanceof GrammyError && e.description.includes("message is not modified")) return;
      if (!(e instanceof GrammyError) || e.error_code !== 400) throw e;
    }
  }
  await ctx.reply(screen.text, { parse_mode: "HTML", reply_markup });
}
