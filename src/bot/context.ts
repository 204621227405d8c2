// The bot's context: grammY's, the session, and what one early middleware puts on it (services,
// the pseudonym, the language). Services live here too: they name the flow engine, typed for this
// context, and a separate file would import this one back.
import type { Context, SessionFlavor } from "grammy";
import type { ChildTranslate, I18n, Language } from "../i18n/i18n.js";
import type { RiskFinding } from "../domain/reports/risk-detection.js";
import type { FlowSession } from "../flows/state.js";
import type { FlowEngine } from "../flows/engine.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Pseudonymizer } from "../domain/privacy/pseudonym.js";
import type { ReportService } from "../domain/reports/reports.js";
import type { SlaHours } from "../domain/reports/triage.js";
import type { StaffDesk } from "./staff/desk.js";
import type { SignalService } from "../domain/signals/signals.js";
import type { Outbox } from "../domain/outbox/outbox.js";

export type { FlowState } from "../flows/state.js";

/** Everything a feature may use, put on the context by one early middleware. */
export interface Services {
  db: Db;
  i18n: I18n;
  logger: Logger;
  engine: FlowEngine<BotContext>;
  pseudonyms: Pseudonymizer;
  reports: ReportService;
  signals: SignalService;
  outbox: Outbox;
  staff: StaffDesk;
  sla: SlaHours;
  forgetChild(pseudonym: string): Promise<void>;
}

export interface SessionData extends FlowSession {
  /**
   * Written by releases before case codes, messages to a report and rights questions were flows
   * (what the next typed text was for). Never read; a quick exit drops it.
   */
  awaiting?: unknown;
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
  /** The child's saved language as the chat gate's statement read it (null: none saved); undefined: not read. */
  savedLanguage?: string | null;
  t: ChildTranslate;
  /** Show the next screen as a new message instead of editing the one tapped (an old button). */
  freshScreen?: boolean;
  /** This update's text answers "Ask a question" (flows/rights_question.json): search it as a question. */
  askedQuestion?: boolean;
  /** What the danger check heard in this update's text (set once, before any feature runs). */
  heard?: Heard;
}

export interface Heard {
  findings: RiskFinding[];
  /** A crisis reply has been sent for this update: no fallback may follow it. */
  crisisAnswered: boolean;
}

export type BotContext = Context & SessionFlavor<SessionData> & ChildFlavor;
