import type { Context, SessionFlavor } from "grammy";
import type { Language, Translate } from "../i18n/i18n.js";
import type { Services } from "./services.js";
import type { RiskFinding } from "../domain/reports/risk-detection.js";

/** Where a child is in a conversation from flows/ (kept in the session, so it survives restarts). */
export interface FlowState {
  id: string;
  /**
   * The version of the flow this state was saved with (a hash of the flow, see flowVersion). When
   * it differs, the engine checks that the state still fits before going on. Missing in states
   * saved before versions existed.
   */
  version?: string;
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
  awaiting?: { kind: "code"; reportId?: string } | { kind: "thread"; reportId: string } | { kind: "rights_search" };
  /** The quiz in progress: the options chosen so far, and the optional satisfaction answer. */
  quiz?: { answers: number[]; satisfaction?: string };
  /** Before the lock (see opened): reports unlocked with their code. Now it only makes the code be asked; dropped on the next use. */
  unlocked?: string[];
  /**
   * The child-held lock on "My reports": report id → when the child last used it (ms) after opening
   * it with its case code (or filing it). It stays open for a while without use (see
   * REPORT_OPEN_MS in features/followup.ts); after that, or after a quick exit, the code is asked again.
   */
  opened?: Record<string, number>;
  /** When the last quick exit happened: nothing opened or filed before it opens without the code. */
  lockedAt?: number;
  /** A message typed into a report that had locked meanwhile: sent only after the code, if the child says so. */
  heldMessage?: { reportId: string; text: string; at: number };
  /** Words the child typed outside a report, kept (sealed with the session) for "Tell the team". */
  told?: { words: string; at: number };
  /** When danger was last heard from this child: their messages then keep the signal's "last seen" fresh. */
  signalAt?: number;
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
  /** Show the next screen as a new message instead of editing the one tapped (an old button). */
  freshScreen?: boolean;
  /** What the danger check heard in this update's text (set once, before any feature runs). */
  heard?: Heard;
}

export interface Heard {
  findings: RiskFinding[];
  /** A crisis reply has been sent for this update: no fallback may follow it. */
  crisisAnswered: boolean;
}

export type BotContext = Context & SessionFlavor<SessionData> & ChildFlavor;
