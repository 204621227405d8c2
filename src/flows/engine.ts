// Runs the conversations described in flows/*.json: renders a step, applies a button, typed
// answer or file, moves to the next step, and hands the answers to a code action at the end.
import type { InlineKeyboardButton } from "grammy/types";
import type { FlowContext } from "./context.js";
import type { FlowFile, FlowState } from "./state.js";
import { actionProblems, type FlowActions } from "./actions.js";
import { flowIds, type FlowEntry, type FlowId } from "./registry.js";
import { telegramLength } from "../domain/telegram-limits.js";
import { escapeHtml, helpRow, inRows, navData, quickExitData, show, type Screen } from "../bot/screen.js";
import type { PayloadOf } from "../bot/callback-data.js";
import { sortByName } from "../i18n/place-order.js";
import {
  answersMatch,
  buttonId,
  callbackData,
  controlIds,
  flowVersion,
  resolveTarget,
  type Flow,
  type FlowButton,
  type FlowStep,
  type SimpleTarget,
} from "./schema.js";

// The callback data of flow buttons is written with the schema (the flow lint checks it there).
export { callbackData } from "./schema.js";

export type { FlowContext } from "./context.js";
export type { FlowFile, FlowState } from "./state.js";
export type { FlowActions, InputCheck } from "./actions.js";

/** A flow button's payload, as the codec reads it from the callback data. */
export type FlowButtonPress = PayloadOf<"flow">;

export interface StartOptions<F extends FlowId = FlowId> {
  /** Where to go when the flow ends, if not the flow's own `then`. */
  then?: string;
  /** Answers to start with (the child's own words typed before the flow began, or the flow's `given`). */
  prefill?: Record<string, string>;
  /** A step to begin at instead of `start`: one of the flow's `entries` that code uses (flowEntries). */
  at?: FlowEntry<F>;
}

export interface FlowEngine<C extends FlowContext = FlowContext> {
  start<F extends FlowId>(ctx: C, flowId: F, options?: StartOptions<F>): Promise<void>;
  /** Re-shows the step the child is on (after help, an old button or unexpected input). */
  resume(ctx: C): Promise<boolean>;
  /** Handles a flow button (an old one too: the child is told, and shown where they are). */
  press(ctx: C, pressed: FlowButtonPress): Promise<void>;
  /** Handles typed text when the step expects it (or keeps it, in a flow that keeps typed words); false otherwise. */
  type(ctx: C, text: string): Promise<boolean>;
  /** Handles a file when the current step accepts files; false otherwise. */
  attach(ctx: C, file: FlowFile): Promise<boolean>;
  /** The flow the child is in, if any (for features that must not interrupt it). */
  current(ctx: C): { flow: Flow; step: FlowStep; state: FlowState } | undefined;
}

type Found = { flow: Flow; step: FlowStep; state: FlowState };
/** The state the child is on, ready to use; `restarted` when it had to start again (see live). */
type Live = Found & { restarted: boolean };

export function createFlowEngine<C extends FlowContext>(flows: Map<string, Flow>, actions: FlowActions<C>): FlowEngine<C> {
  const problems = actionProblems(flows, actions);
  if (problems.length > 0) throw new Error(`Flows and code do not agree:\n  ${problems.join("\n  ")}`);
  // Computed once, when the flows are loaded: the version every state saved from now on records.
  const versions = new Map([...flows].map(([id, flow]) => [id, flowVersion(flow)]));

  const current = (ctx: C): Found | undefined => {
    const state = ctx.session.flow;
    const flow = state && flows.get(state.id);
    const step = flow?.steps[state!.step];
    return flow && step ? { flow, step, state: state! } : undefined;
  };

  /** A saved `then` that leads to a flow no longer there is dropped (the flow's own `then` applies). */
  const leadsSomewhere = (then: string | undefined): then is string =>
    !!then && !(then.startsWith("flow:") && !flows.has(then.slice("flow:".length)));

  function newState(flow: Flow): FlowState {
    return { id: flow.id, version: versions.get(flow.id)!, step: flow.start, answers: {}, history: [], startedAt: Date.now() };
  }

  /** Answers the child types (not chosen with a button): any text fits them. */
  function typedAnswers(flow: Flow): Set<string> {
    const typed = new Set(Object.values(flow.steps).flatMap((s) => (s.input ? [s.input.record] : [])));
    if (flow.keepTypedWords) typed.add(flow.keepTypedWords.answer);
    return typed;
  }

  /**
   * The saved state made to fit the flow as it is now, or undefined when it cannot: its step is
   * gone, or an answer holds a value that no button of the flow records any more (a removed or
   * renamed choice). Steps gone from the history are dropped (Back skips them). Answers no button
   * records (typed words, or set by code such as `alerted`) are kept as they are.
   */
  function fit(flow: Flow, state: FlowState): FlowState | undefined {
    if (!flow.steps[state.step]) return undefined;
    const offered = new Map<string, Set<string>>();
    for (const button of Object.values(flow.steps).flatMap((s) => s.buttons.flat())) {
      for (const [answer, value] of Object.entries(button.set ?? {})) {
        if (!offered.has(answer)) offered.set(answer, new Set());
        offered.get(answer)!.add(value);
      }
    }
    const typed = typedAnswers(flow);
    for (const [answer, value] of Object.entries(state.answers)) {
      if (!typed.has(answer) && offered.has(answer) && !offered.get(answer)!.has(value)) return undefined;
    }
    const fitted: FlowState = { ...state, version: versions.get(flow.id)!, history: state.history.filter((s) => flow.steps[s]) };
    if (!leadsSomewhere(fitted.then)) delete fitted.then;
    return fitted;
  }

  /**
   * The flow from its first step, for a saved state that no longer fits. The child's own words
   * (answers the flow still records from typing) and files are kept, and so is the time they were
   * first saved, so that they are still deleted when the flow expires.
   */
  function restart(flow: Flow, old: FlowState): FlowState {
    const state = newState(flow);
    for (const answer of typedAnswers(flow)) {
      if (old.answers[answer]) state.answers[answer] = old.answers[answer];
    }
    if (old.files?.length && Object.values(flow.steps).some((s) => s.media)) state.files = old.files;
    if (Object.keys(state.answers).length > 0 || state.files) state.startedAt = old.startedAt;
    if (leadsSomewhere(old.then)) state.then = old.then;
    return state;
  }

  /** The step's button rows; with `sortBy`, the sorted choices first (see stepSchema). */
  function layOut(ctx: C, step: FlowStep): FlowButton[][] {
    const key = step.sortBy;
    if (!key) return step.buttons;
    const sorted = step.buttons.flat().filter((b) => b.set?.[key] !== undefined);
    const rest = step.buttons.map((row) => row.filter((b) => b.set?.[key] === undefined)).filter((row) => row.length > 0);
    return [
      ...inRows(
        sortByName(sorted, (b) => ctx.t(b.label), ctx.language),
        3,
      ),
      ...rest,
    ];
  }

  async function render(ctx: C, state: FlowState, restarted = false): Promise<void> {
    const flow = flows.get(state.id)!;
    const step = flow.steps[state.step]!;
    const written = Object.fromEntries(Object.entries(step.values).map(([k, v]) => [k, typeof v === "string" ? v : ctx.t(v.text)]));
    const params = { ...written, ...(step.params ? await actions.params[step.params]!(ctx, state) : {}) };
    const rows: InlineKeyboardButton[][] = layOut(ctx, step)
      .map((row) =>
        row.flatMap((b) => {
          if (b.when && !state.answers[b.when]) return [];
          if (b.if && !answersMatch(b.if, state.answers)) return [];
          // Help needs no state: its button works even when the session cannot be read.
          const data = b.go === "nav:help" ? navData.help : callbackData(flow.id, state.step, buttonId(b));
          return [{ text: ctx.t(b.label), callback_data: data }];
        }),
      )
      .filter((row) => row.length > 0);
    if (step.footer) {
      const control: InlineKeyboardButton[] = [];
      if ((state.history.length > 0 || canLeaveBack(state)) && step.back)
        control.push({ text: ctx.t("nav.back"), callback_data: callbackData(flow.id, state.step, "back") });
      if (flow.cancelText) control.push({ text: ctx.t("nav.cancel"), callback_data: callbackData(flow.id, state.step, "cancel") });
      if (control.length) rows.push(control);
      rows.push(helpRow(ctx, { menu: flow.id !== flowIds.menu }));
      if (flow.quickExit) rows.push([{ text: ctx.t("nav.quick_exit"), callback_data: quickExitData }]);
    }
    const text = [step.text, ...step.paragraphs].map((key) => ctx.t(key, params)).join("\n\n");
    // After a restart, the first step says why, in the same message (so the note is never left
    // below an older screen, and there is no extra message to delete on a quick exit).
    const screen: Screen = { text: restarted ? `${escapeHtml(ctx.t("errors.flowChanged"))}\n\n${text}` : text, rows };
    state.shownIn = await show(ctx, screen);
  }

  async function go(ctx: C, state: FlowState, target: SimpleTarget): Promise<void> {
    if (target.startsWith("nav:")) {
      ctx.session.flow = state;
      await actions.nav[target.slice("nav:".length)]!(ctx);
      return;
    }
    if (target === "back") {
      const previous = state.history.pop();
      if (previous) state.step = previous;
      else if (canLeaveBack(state)) {
        // Back to the flow this one was opened from, checked like any saved state.
        ctx.session.flow = state.previous;
        const found = await live(ctx);
        if (found) await render(ctx, found.state, found.restarted);
        else await start(ctx, flowIds.menu);
        return;
      }
      ctx.session.flow = state;
      await render(ctx, state);
      return;
    }
    if (target === "end" || target.startsWith("flow:")) {
      const flow = flows.get(state.id)!;
      ctx.session.flow = undefined;
      if (target === "end" && flow.onComplete && (await actions.onComplete[flow.onComplete]!(ctx, state)) === "handled") return;
      const next = target === "end" ? (state.then ?? flow.then ?? `flow:${flowIds.menu}`) : target;
      // `flow:<id>:<step>` starts the flow at one of its entries.
      const [id, at] = next.slice("flow:".length).split(":");
      // A button into another flow remembers this one for Back; never a sensitive one (a report's
      // words are not copied anywhere the quick exit and the draft's expiry would not reach).
      const remember = target !== "end" && !flow.quickExit;
      await start(ctx, id!, { ...(at === undefined ? {} : { at }), ...(remember ? { from: state } : {}) });
      return;
    }
    state.history.push(state.step);
    state.step = target;
    ctx.session.flow = state;
    await render(ctx, state);
    // After the child sees the step: what they need comes first, the rest (e.g. alerts) after.
    const onEnter = flows.get(state.id)!.steps[target]!.onEnter;
    if (onEnter) await actions.onEnter[onEnter]!(ctx, state);
  }

  /** Back from a flow's first step to the flow it was opened from: only while nothing was given here. */
  function canLeaveBack(state: FlowState): boolean {
    return state.previous !== undefined && state.history.length === 0 && Object.keys(state.answers).length === 0 && !state.files?.length;
  }

  /** Adds words to an answer, after what the child already wrote there. */
  function addTo(state: FlowState, answer: string, text: string): void {
    const previous = state.answers[answer];
    state.answers[answer] = previous ? `${previous}\n\n${text}` : text;
  }

  /** The longest text a flow accepts for an answer (from the step that asks for it). */
  function maxLengthOf(flow: Flow, answer: string): number {
    const step = Object.values(flow.steps).find((s) => s.input?.record === answer);
    return step?.input?.maxLength ?? 4000;
  }

  async function start(
    ctx: C,
    flowId: string,
    options: { then?: string; prefill?: Record<string, string>; at?: string; from?: FlowState } = {},
  ): Promise<void> {
    const flow = flows.get(flowId);
    if (!flow) throw new Error(`Unknown flow "${flowId}"`);
    if (flow.guard && !(await actions.guards[flow.guard]!(ctx))) return;
    const prefill = (state: FlowState) => {
      for (const [answer, text] of Object.entries(options.prefill ?? {})) addTo(state, answer, text);
    };
    // Starting a resumable flow again continues the unfinished one (an interrupted report); any
    // other flow started again with its own entry or answers (another report's message) starts anew.
    const unfinished = ctx.session.flow;
    if (unfinished?.id === flowId && (flow.expires || (options.at === undefined && options.prefill === undefined))) {
      const found = await live(ctx);
      if (found) {
        prefill(found.state);
        return render(ctx, found.state, found.restarted);
      }
    } else if (unfinished && flows.get(unfinished.id)?.expires) {
      ctx.session.drafts = { ...ctx.session.drafts, [unfinished.id]: unfinished };
    }
    const draft = ctx.session.drafts?.[flowId];
    if (draft) {
      const { [flowId]: _resumed, ...others } = ctx.session.drafts!;
      ctx.session.drafts = others;
      ctx.session.flow = draft;
      const found = await live(ctx);
      if (found) {
        prefill(found.state);
        return render(ctx, found.state, found.restarted);
      }
    }
    const state = newState(flow);
    if (options.at !== undefined) {
      if (!flow.entries.includes(options.at)) throw new Error(`Flow "${flowId}" has no entry "${options.at}"`);
      state.step = options.at;
    }
    if (options.then) state.then = options.then;
    if (options.from) {
      const { previous: _older, ...from } = options.from;
      state.previous = from;
    }
    prefill(state);
    ctx.session.flow = state;
    await render(ctx, state);
  }

  function expired(flow: Flow, state: FlowState): boolean {
    return flow.expires !== undefined && Date.now() - state.startedAt > flow.expires.hours * 60 * 60 * 1000;
  }

  /**
   * The step the child is on, once the saved state is known to fit the flow as it is now. An
   * expired draft is dropped (with a note). A state saved with another version of the flow is
   * checked (fit): if it still fits it goes on as before; if not, the flow starts again from its
   * first step (`restarted`: the caller shows it, with a short note). A state whose flow is gone
   * is dropped. Never throws and never loops: a restarted state fits by construction.
   */
  async function live(ctx: C): Promise<Live | undefined> {
    const saved = ctx.session.flow;
    if (!saved) return undefined;
    const flow = flows.get(saved.id);
    if (!flow) {
      ctx.session.flow = undefined;
      return undefined;
    }
    if (expired(flow, saved)) {
      ctx.session.flow = undefined;
      await ctx.reply(ctx.t(flow.expires!.text), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
      return undefined;
    }
    let state = saved;
    let restarted = false;
    if (saved.version !== versions.get(flow.id) || !flow.steps[saved.step]) {
      const fitted = fit(flow, saved);
      restarted = !fitted;
      state = fitted ?? restart(flow, saved);
      ctx.session.flow = state;
    }
    return { flow, step: flow.steps[state.step]!, state, restarted };
  }

  /** The button of the step that this callback data names, if it is one the child can use now. */
  function buttonFor(step: FlowStep, id: string): FlowButton | undefined {
    return (controlIds as readonly string[]).includes(id) ? undefined : step.buttons.flat().find((b) => buttonId(b) === id);
  }

  return {
    start,
    current,
    async resume(ctx) {
      const found = await live(ctx);
      if (!found) return false;
      await render(ctx, found.state, found.restarted);
      return true;
    },
    async press(ctx, pressed) {
      const found = await live(ctx);
      if (found?.restarted) {
        // The note is on the screen that replaces this one: nothing pressed is recorded.
        await ctx.answerCallbackQuery();
        await render(ctx, found.state, true);
        return;
      }
      const pressedIn = ctx.callbackQuery?.message?.message_id;
      const onScreen = found?.state.shownIn !== undefined && pressedIn === found.state.shownIn;
      // The message already shows the step the tap led to: a second tap of a quick double tap
      // (the keyboard on the phone was not redrawn yet). Nothing more to do.
      if (found && onScreen && !(found.state.id === pressed.flow && found.state.step === pressed.step)) {
        await ctx.answerCallbackQuery();
        return;
      }
      // A step whose text is drawn from the answers (a rights topic, a report's review) may show
      // different things in different messages: only the message showing it now may act on it.
      const drawnElsewhere = found?.step.params !== undefined && found.state.shownIn !== undefined && !onScreen;
      const here = found && !drawnElsewhere && found.state.id === pressed.flow && found.state.step === pressed.step;
      const button = here ? buttonFor(found.step, pressed.button) : undefined;
      const control = here && (pressed.button === "back" || (pressed.button === "cancel" && found.flow.cancelText));
      // A button from an older message (another step, a button that is gone, or positional data
      // from before button ids, which names no button): say so, and show where the child really
      // is. Never an answer.
      if (!found || !(button || control)) {
        await ctx.answerCallbackQuery({ text: ctx.t("errors.oldButton") });
        // The message tapped on keeps what it shows (it may hold a case code); the screen comes anew.
        ctx.freshScreen = true;
        if (found) await render(ctx, found.state);
        else await start(ctx, flowIds.menu);
        return;
      }
      const { flow, state } = found;
      if (button?.go === "stay") {
        // The screen stays: the answers and the action, then a short note over the chat.
        Object.assign(state.answers, button.set);
        ctx.session.flow = state;
        if (button.onPress) await actions.onPress[button.onPress]!(ctx, state);
        await ctx.answerCallbackQuery(button.toast ? { text: ctx.t(button.toast) } : {});
        return;
      }
      await ctx.answerCallbackQuery(button?.toast ? { text: ctx.t(button.toast) } : {});
      if (pressed.button === "back") {
        await go(ctx, state, "back");
      } else if (pressed.button === "cancel") {
        ctx.session.flow = undefined;
        await show(ctx, { text: ctx.t(flow.cancelText!), rows: [helpRow(ctx)] });
      } else if (button) {
        Object.assign(state.answers, button.set);
        if (button.onPress) await actions.onPress[button.onPress]!(ctx, state);
        await go(ctx, state, resolveTarget(button.go, state.answers));
      }
    },
    async type(ctx, text) {
      const saved = ctx.session.flow;
      const savedFlow = saved && flows.get(saved.id);
      // Only a step that asks for text (or a flow that keeps typed words) takes it.
      if (!savedFlow || !(savedFlow.steps[saved!.step]?.input || savedFlow.keepTypedWords)) return false;
      const found = await live(ctx);
      if (!found) return true;
      // After a restart the words answered a question that may be gone: only a flow that keeps
      // typed words keeps them; none becomes the answer to the first step.
      const input = found.restarted ? undefined : found.step.input;
      const keep = found.flow.keepTypedWords;
      if (!input && !keep) {
        await render(ctx, found.state, found.restarted);
        return true;
      }
      if (input?.check) {
        const checked = await actions.checks[input.check]!(ctx, text, found.state);
        if ("leave" in checked) {
          ctx.session.flow = undefined;
          return false;
        }
        if ("retry" in checked) {
          await ctx.reply(ctx.t(checked.retry), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
          return true;
        }
        text = checked.value;
      }
      const answer = input?.record ?? keep!.answer;
      const appending = input ? input.append : true;
      const previous = appending ? found.state.answers[answer] : undefined;
      const max = maxLengthOf(found.flow, answer);
      // Counted as Telegram counts (UTF-16 units), so the review screen always fits one message.
      if (telegramLength(previous ?? "") + telegramLength(text) > max) {
        await ctx.reply(ctx.t("errors.tooLong", { max }), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
        if (found.restarted) await render(ctx, found.state, true);
        return true;
      }
      if (appending) addTo(found.state, answer, text);
      else found.state.answers[answer] = text;
      ctx.session.flow = found.state;
      if (input) {
        await go(ctx, found.state, resolveTarget(input.go, found.state.answers));
      } else {
        // Words typed where a button was expected are the child's story: keep them, say so.
        await ctx.reply(ctx.t(keep!.text));
        await render(ctx, found.state, found.restarted);
      }
      return true;
    },
    async attach(ctx, file) {
      if (!current(ctx)?.step.media) return false;
      const found = await live(ctx);
      if (!found) return true;
      const media = found.restarted ? undefined : found.step.media;
      if (!media) {
        await render(ctx, found.state, found.restarted);
        return true;
      }
      const files = (found.state.files ??= []);
      if (files.length >= media.max) {
        await ctx.reply(ctx.t(media.fullText));
        return true;
      }
      files.push(file);
      ctx.session.flow = found.state;
      if (file.kind === "voice") await ctx.reply(ctx.t(media.voiceText));
      await ctx.reply(ctx.t(media.savedText, { count: files.length }));
      await render(ctx, found.state);
      return true;
    },
  };
}
