import type { Context, SessionFlavor } from "grammy";
import type { Language, Translate } from "../i18n/i18n.js";
import type { Services } from "./services.js";

/** Where a child is in a conversation from flows/ (kept in the session, so it survives restarts). */
export interface FlowState {
  id: string;
  step: string;
  answers: Record<string, string>;
  /** Steps visited before this one, for Back. */
  history: string[];
  /** Where to go when the flow ends, if not the flow's own `then`. */
  then?: string;
  startedAt: number;
  /** Photos, documents and voice notes sent at a step that accepts them (Telegram file ids). */
  files?: { kind: "photo" | "document" | "voice" | "video"; fileId: string; caption?: string }[];
}

export interface SessionData {
  flow?: FlowState;
  /** Unfinished resumable flows (a report) set aside while the child looks at something else. */
  drafts?: Record<string, FlowState>;
  /** What the next typed text is for, outside flows (a case code, a message to a report). */
  awaiting?: { kind: "code" } | { kind: "thread"; reportId: string } | { kind: "rights_search" };
  /** The quiz in progress: the options chosen so far, and the optional satisfaction answer. */
  quiz?: { answers: number[]; satisfaction?: string };
  /** Reports opened with their case code in this chat (an account that did not send them). */
  unlocked?: string[];
  /** When staff were last alerted about this child's words (to avoid repeating the alarm). */
  alertedAt?: number;
  /** Message ids in the child's chat, newest last, for the quick exit (Telegram deletes < 48 h). */
  trace?: { id: number; at: number }[];
}

export interface ChildFlavor {
  services: Services;
  /** HMAC of the Telegram user id: the only way this bot refers to a person. */
  pseudonym: string | undefined;
  language: Language;
  /** True when the child has chosen a language or Telegram told us one of ours. */
  languageKnown: boolean;
  t: Translate;
}

export type BotContext = Context & SessionFlavor<SessionData> & ChildFlavor;
