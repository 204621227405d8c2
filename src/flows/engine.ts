// Runs the conversations described in flows/*.json: renders a step, applies a button, typed
// answer or file, moves to the next step, and hands the answers to a code action at the end.
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext, FlowState } from "../bot/context.js";
import { helpRow, navData, show, type Screen } from "../bot/screen.js";
import { resolveTarget, type Flow, type FlowStep, type SimpleTarget } from "./schema.js";

export type FlowFile = NonNullable<FlowState["files"]>[number];

/** Code that flows can name: what to do with the answers, guards, and values for texts. */
export interface FlowActions {
  /** Return "handled" when the action showed its own screen and the flow should not go on. */
  onComplete: Record<string, (ctx: BotContext, state: FlowState) => Promise<void | "handled">>;
  /** Values (and i18next options) for a step's text. */
  params: Record<string, (ctx: BotContext, state: FlowState) => Promise<Record<string, unknown>>>;
  /** Return false (after telling the child why) to refuse to start the flow. */
  guards: Record<string, (ctx: BotContext) => Promise<boolean>>;
  /** Runs when the child arrives at a step that names it. */
  onEnter: Record<string, (ctx: BotContext, state: FlowState) => Promise<void>>;
  /** Screens in code that flows may lead to (`nav:help`, `nav:reports`). */
  nav: Record<string, (ctx: BotContext) => Promise<void>>;
}

const CALLBACK_PREFIX = "f:";
export const QUICK_EXIT_DATA = "qx";

type ButtonRef = number | "back" | "cancel";

export function callbackData(flowId: string, stepId: string, button: ButtonRef): string {
  return `${CALLBACK_PREFIX}${flowId}:${stepId}:${button}`;
}

export function parseCallbackData(data: string): { flowId: string; stepId: string; button: ButtonRef } | undefined {
  if (!data.startsWith(CALLBACK_PREFIX)) return undefined;
  const [flowId, stepId, button] = data.slice(CALLBACK_PREFIX.length).split(":");
  if (!flowId || !stepId || button === undefined) return undefined;
  if (button === "back" || button === "cancel") return { flowId, stepId, button };
  const index = Number(button);
  return Number.isInteger(index) && index >= 0 ? { flowId, stepId, button: index } : undefined;
}

export interface FlowEngine {
  start(ctx: BotContext, flowId: string, options?: { then?: string }): Promise<void>;
  /** Re-shows the step the child is on (after help, an old button or unexpected input). */
  resume(ctx: BotContext): Promise<boolean>;
  /** Handles a flow button; false if the data is not a flow button. */
  press(ctx: BotContext, data: string): Promise<boolean>;
  /** Handles typed text when the current step expects it; false otherwise. */
  type(ctx: BotContext, text: string): Promise<boolean>;
  /** Handles a file when the current step accepts files; false otherwise. */
  attach(ctx: BotContext, file: FlowFile): Promise<boolean>;
  /** The flow the child is in, if any (for features that must not interrupt it). */
  current(ctx: BotContext): { flow: Flow; step: FlowStep; state: FlowState } | undefined;
}

export function createFlowEngine(flows: Map<string, Flow>, actions: FlowActions): FlowEngine {
  const current = (ctx: BotContext) => {
    const state = ctx.session.flow;
    const flow = state && flows.get(state.id);
    const step = flow?.steps[state!.step];
    return flow && step ? { flow, step, state: state! } : undefined;
  };

  async function render(ctx: BotContext, state: FlowState): Promise<void> {
    const flow = flows.get(state.id)!;
    const step = flow.steps[state.step]!;
    const params = step.params ? await actions.params[step.params]!(ctx, state) : {};
    let index = 0;
    const rows: InlineKeyboardButton[][] = step.buttons.map((row) =>
      row.map((b) => {
        const data = callbackData(flow.id, state.step, index++);
        // Help needs no state: its button works even when the session cannot be read.
        return { text: ctx.t(b.label), callback_data: b.go === "nav:help" ? navData.help : data };
      }),
    );
    if (step.footer) {
      const control: InlineKeyboardButton[] = [];
      if (state.history.length > 0) control.push({ text: ctx.t("nav.back"), callback_data: callbackData(flow.id, state.step, "back") });
      if (flow.cancelText) control.push({ text: ctx.t("nav.cancel"), callback_data: callbackData(flow.id, state.step, "cancel") });
      if (control.length) rows.push(control);
      rows.push(helpRow(ctx, { menu: flow.id !== "menu" }));
      if (flow.quickExit) rows.push([{ text: ctx.t("nav.quick_exit"), callback_data: QUICK_EXIT_DATA }]);
    }
    const screen: Screen = { text: ctx.t(step.text, params), rows };
    await show(ctx, screen);
  }

  async function go(ctx: BotContext, state: FlowState, target: SimpleTarget): Promise<void> {
    if (target.startsWith("nav:")) {
      ctx.session.flow = state;
      await actions.nav[target.slice("nav:".length)]!(ctx);
      return;
    }
    if (target === "back") {
      const previous = state.history.pop();
      if (previous) state.step = previous;
      ctx.session.flow = state;
      await render(ctx, state);
      return;
    }
    if (target === "end" || target.startsWith("flow:")) {
      const flow = flows.get(state.id)!;
      ctx.session.flow = undefined;
      if (target === "end" && flow.onComplete && (await actions.onComplete[flow.onComplete]!(ctx, state)) === "handled") return;
      const next = target === "end" ? (state.then ?? flow.then ?? "flow:menu") : target;
      await start(ctx, next.slice("flow:".length));
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

  async function start(ctx: BotContext, flowId: string, options: { then?: string } = {}): Promise<void> {
    const flow = flows.get(flowId);
    if (!flow) throw new Error(`Unknown flow "${flowId}"`);
    // Whatever the bot was waiting for outside flows (a code, a message) no longer applies.
    ctx.session.awaiting = undefined;
    if (flow.guard && !(await actions.guards[flow.guard]!(ctx))) return;
    // Starting a resumable flow again continues the unfinished one (an interrupted report).
    const unfinished = current(ctx);
    if (unfinished?.flow.id === flowId && !expired(ctx, unfinished.flow, unfinished.state)) return render(ctx, unfinished.state);
    if (unfinished?.flow.expires) ctx.session.drafts = { ...ctx.session.drafts, [unfinished.flow.id]: unfinished.state };
    const draft = ctx.session.drafts?.[flowId];
    if (draft) {
      const { [flowId]: _resumed, ...others } = ctx.session.drafts!;
      ctx.session.drafts = others;
      ctx.session.flow = draft;
      if (!expired(ctx, flow, draft)) return render(ctx, draft);
      if (await live(ctx)) return;
    }
    const state: FlowState = { id: flow.id, step: flow.start, answers: {}, history: [], startedAt: Date.now() };
    if (options.then) state.then = options.then;
    ctx.session.flow = state;
    await render(ctx, state);
  }

  function expired(_ctx: BotContext, flow: Flow, state: FlowState): boolean {
    return flow.expires !== undefined && Date.now() - state.startedAt > flow.expires.hours * 60 * 60 * 1000;
  }

  /** The step the child is on, after dropping an expired draft (with a note). */
  async function live(ctx: BotContext): Promise<ReturnType<typeof current>> {
    const found = current(ctx);
    if (found && expired(ctx, found.flow, found.state)) {
      ctx.session.flow = undefined;
      await ctx.reply(ctx.t(found.flow.expires!.text), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
      return undefined;
    }
    return found;
  }

  return {
    start,
    current,
    async resume(ctx) {
      const found = await live(ctx);
      if (!found) return false;
      await render(ctx, found.state);
      return true;
    },
    async press(ctx, data) {
      const parsed = parseCallbackData(data);
      if (!parsed) return false;
      const found = await live(ctx);
      // A button from an older message: say so, and show where the child really is.
      if (!found || found.state.id !== parsed.flowId || found.state.step !== parsed.stepId) {
        await ctx.answerCallbackQuery({ text: ctx.t("errors.oldButton") });
        if (found) await render(ctx, found.state);
        else await start(ctx, "menu");
        return true;
      }
      await ctx.answerCallbackQuery();
      // A tap inside a conversation ends any wait for a code or a message outside it.
      ctx.session.awaiting = undefined;
      const { flow, step, state } = found;
      if (parsed.button === "back") {
        await go(ctx, state, "back");
      } else if (parsed.button === "cancel" && flow.cancelText) {
        ctx.session.flow = undefined;
        await show(ctx, { text: ctx.t(flow.cancelText), rows: [helpRow(ctx)] });
      } else if (typeof parsed.button === "number") {
        const button = step.buttons.flat()[parsed.button];
        if (!button) return true;
        Object.assign(state.answers, button.set);
        await go(ctx, state, resolveTarget(button.go, state.answers));
      }
      return true;
    },
    async type(ctx, text) {
      const found = current(ctx);
      const input = found?.step.input;
      if (!found || !input) return false;
      if (!(await live(ctx))) return true;
      if ([...text].length > input.maxLength) {
        await ctx.reply(ctx.t("errors.tooLong", { max: input.maxLength }), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
        return true;
      }
      found.state.answers[input.record] = text;
      await go(ctx, found.state, resolveTarget(input.go, found.state.answers));
      return true;
    },
    async attach(ctx, file) {
      const found = current(ctx);
      const media = found?.step.media;
      if (!found || !media) return false;
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
