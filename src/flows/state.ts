// What the engine keeps of a conversation between updates (in the session, so it survives restarts).

/** Where a child is in a conversation from flows/. */
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
  files?: FlowFile[];
  /**
   * The message that shows the current step (its id in the chat), when known: a tap on another
   * message is a tap on an older screen (see the engine's press).
   */
  shownIn?: number;
  /**
   * The flow a button of another flow left to start this one (a rights topic's «This is
   * happening to me» opening the report): Back on the first step returns to it while nothing has
   * been answered here. One level only.
   */
  previous?: FlowState;
}

export interface FlowFile {
  kind: "photo" | "document" | "voice" | "video";
  fileId: string;
  caption?: string;
}

/** The part of the session the engine reads and writes. */
export interface FlowSession {
  flow?: FlowState;
  /** Unfinished resumable flows (a report) set aside while the child looks at something else. */
  drafts?: Record<string, FlowState>;
}
