// Builds real Telegram Update JSON for a simulated person, the way Telegram would send it.
// Used by the simulator page and by the tests' harness.
import type { Update } from "grammy/types";
import type { FakeBotApi } from "./fake-bot-api.js";
import type { StoredFile } from "./fake-files.js";

export interface SimulatedUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

/** Where a message is written: the user's private chat by default, or a group (staff). */
export interface Place {
  chatId?: number;
  /** Replying to this message of the chat (staff reply to a report's post). */
  replyTo?: number;
}

export interface UpdateFactory {
  /** A text message from the user (also stored in the chat, as Telegram would). */
  text(user: SimulatedUser, text: string, place?: Place): Update;
  /** A tap on an inline button of a bot message. */
  press(user: SimulatedUser, messageId: number, data: string, place?: Place): Update;
  /** A message of a kind the bot has no feature for (sticker, photo, ...). */
  sticker(user: SimulatedUser): Update;
  /** A photo (with its pixel size) or a document the user sends, already stored in `botApi.files`. */
  file(
    user: SimulatedUser,
    file: StoredFile,
    options?: { caption?: string | undefined; width?: number | undefined; height?: number | undefined },
  ): Update;
}

export function createUpdateFactory(botApi: FakeBotApi, firstUpdateId = 100_000): UpdateFactory {
  let updateId = firstUpdateId;
  const now = () => Math.floor(Date.now() / 1000);
  const from = (u: SimulatedUser) => ({
    id: u.id,
    is_bot: false as const,
    first_name: u.first_name,
    username: u.username,
    language_code: u.language_code,
  });
  const privateChat = (u: SimulatedUser) => ({ id: u.id, type: "private" as const, first_name: u.first_name, username: u.username });
  const chat = (u: SimulatedUser, place?: Place) =>
    place?.chatId !== undefined && place.chatId !== u.id
      ? { id: place.chatId, type: "supergroup" as const, title: "Staff" }
      : privateChat(u);
  const botUser = () => ({
    id: botApi.botInfo.id,
    is_bot: true as const,
    first_name: botApi.botInfo.first_name,
    username: botApi.botInfo.username,
  });

  return {
    text(user, text, place) {
      const date = now();
      const chatId = place?.chatId ?? user.id;
      const stored = botApi.addUserMessage(chatId, text, date, place?.replyTo);
      const entities = text.startsWith("/")
        ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }]
        : undefined;
      const replied = place?.replyTo !== undefined ? botApi.messages(chatId).find((m) => m.message_id === place.replyTo) : undefined;
      const reply_to_message = replied
        ? {
            message_id: replied.message_id,
            date: replied.date,
            chat: chat(user, place),
            text: replied.text ?? "",
            reply_to_message: undefined,
            ...(replied.from === "bot" ? { from: botUser() } : {}),
          }
        : undefined;
      return {
        update_id: updateId++,
        message: {
          message_id: stored.message_id,
          date,
          chat: chat(user, place),
          from: from(user),
          text,
          ...(entities ? { entities } : {}),
          ...(reply_to_message ? { reply_to_message } : {}),
        },
      };
    },
    press(user, messageId, data, place) {
      const message = botApi.messages(place?.chatId ?? user.id).find((m) => m.message_id === messageId);
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
            chat: chat(user, place),
            from: botUser(),
            text: message?.text ?? "",
            ...(message?.reply_markup ? { reply_markup: message.reply_markup } : {}),
          },
        },
      };
    },
    file(user, file, options = {}) {
      const date = now();
      const caption = options.caption?.trim() || undefined;
      const stored = botApi.addUserFile(user.id, file, caption, date);
      const media =
        file.kind === "photo"
          ? {
              photo: [
                {
                  file_id: file.fileId,
                  file_unique_id: file.fileUniqueId,
                  file_size: file.size,
                  width: options.width ?? 1280,
                  height: options.height ?? 960,
                },
              ],
            }
          : {
              document: {
                file_id: file.fileId,
                file_unique_id: file.fileUniqueId,
                file_size: file.size,
                ...(file.name ? { file_name: file.name } : {}),
                ...(file.mime ? { mime_type: file.mime } : {}),
              },
            };
      return {
        update_id: updateId++,
        message: { message_id: stored.message_id, date, chat: chat(user), from: from(user), ...media, ...(caption ? { caption } : {}) },
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
          sticker: {
            file_id: "sim-sticker",
            file_unique_id: "sim-sticker",
            type: "regular",
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
          },
        },
      };
    },
  };
}
