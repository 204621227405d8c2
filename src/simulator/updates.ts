// Builds real Telegram Update JSON for a simulated person, the way Telegram would send it.
// Used by the simulator page and by the tests' harness.
import type { Update } from "grammy/types";
import type { FakeBotApi } from "./fake-bot-api.js";

export interface SimulatedUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface UpdateFactory {
  /** A text message from the user in their private chat with the bot (also stored in the chat). */
  text(user: SimulatedUser, text: string): Update;
  /** A tap on an inline button of a bot message in the user's private chat. */
  press(user: SimulatedUser, messageId: number, data: string): Update;
  /** A message of a kind the bot has no feature for (sticker, photo, ...). */
  sticker(user: SimulatedUser): Update;
}

export function createUpdateFactory(botApi: FakeBotApi, firstUpdateId = 100_000): UpdateFactory {
  let updateId = firstUpdateId;
  const now = () => Math.floor(Date.now() / 1000);
  const from = (u: SimulatedUser) => ({ id: u.id, is_bot: false as const, first_name: u.first_name, username: u.username, language_code: u.language_code });
  const chat = (u: SimulatedUser) => ({ id: u.id, type: "private" as const, first_name: u.first_name, username: u.username });

  return {
    text(user, text) {
      const date = now();
      const stored = botApi.addUserMessage(user.id, text, date);
      const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      return { update_id: updateId++, message: { message_id: stored.message_id, date, chat: chat(user), from: from(user), text, ...(entities ? { entities } : {}) } };
    },
    press(user, messageId, data) {
      const message = botApi.messages(user.id).find((m) => m.message_id === messageId);
      return {
        update_id: updateId++,
        callback_query: {
          id: String(updateId * 7919),
          from: from(user),
          chat_instance: `sim-${user.id}`,
          data,
          message: {
            message_id: messageId,
            date: message?.date ?? now(),
            chat: chat(user),
            from: { id: botApi.botInfo.id, is_bot: true, first_name: botApi.botInfo.first_name, username: botApi.botInfo.username },
            text: message?.text ?? "",
            ...(message?.reply_markup ? { reply_markup: message.reply_markup } : {}),
          },
        },
      };
    },
    sticker(user) {
      const date = now();
      const stored = botApi.addUserMessage(user.id, undefined, date);
      return {
        update_id: updateId++,
        message: {
          message_id: stored.message_id,
          date,
          chat: chat(user),
          from: from(user),
          sticker: { file_id: "sim-sticker", file_unique_id: "sim-sticker", type: "regular", width: 512, height: 512, is_animated: false, is_video: false },
        },
      };
    },
  };
}
