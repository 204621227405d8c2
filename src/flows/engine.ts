// Runs the conversations described in flows/*.json: renders a step, applies a button or typed
// answer, moves to the next step, and hands the answers to a code action when a flow ends.
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext, FlowState } from "../bot/context.js";
import { helpRow, navData, show, type Screen } from "../bot/screen.js";
import type { Flow, FlowStep, Target } from "./schema.js";

/** Code that flows can name: what to do with the answers, and values for texts. */
export interface FlowActions {
  onComplete: Record<string, (ctx: BotContext, answers: Record<string, string>) => Promise<void>>;
  params: Record<string, (ctx: BotContext, answers: Record<string, string>) => Promise<Record<string, string>>>;
  /** Shows the help screen (a flow target, `nav:help`). */
  showHelp: (ctx: BotContext) => Promise<void>;
}

const CALLBACK_PREFIX = "f:";

export function callbackData(flowId: string, stepId: string, button: number | "back"): string {
  return `${CALLBACK_PREFIX}${flowId}:${stepId}:${button}`;
}

export function parseCallbackData(data: string): { flowId: string; stepId: string; button: number | "back" } | undefined {
  if (!data.startsWith(CALLBACK_PREFIX)) return undefined;
  const [flowId, stepId, button] = data.slice(CALLBACK_PREFIX.length).split(":");
  if (!flowId || !stepId || button === undefined) return undefined;
  if (button === "back") return { flowId, stepId, button };
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
}

export function createFlowEngine(flows: Map<string, Flow>, actions: FlowActions): FlowEngine {
  const stepOf = (state: FlowState | undefined): { flow: Flow; step: FlowStep } | undefined => {
    const flow = state && flows.get(state.id);
    const step = flow?.steps[state!.step];
    return flow && step ? { flow, step } : undefined;
  };

  async function render(ctx: BotContext, state: FlowState): Promise<void> {
    const found = stepOf(state);
    if (!found) return;
    const { flow, step } = found;
    const params = step.params ? await actions.params[step.params]!(ctx, state.answers) : {};
    let index = 0;
    const rows: InlineKeyboardButton[][] = step.buttons.map((row) =>
      row.map((b) => {
        const data = callbackData(flow.id, state.step, index++);
        // Help needs no state: its button works even when the session cannot be read.
        return { text: ctx.t(b.label), callback_data: b.go === "nav:help" ? navData.help : data };
      }),
    );
    if (step.footer) {
      if (state.history.length > 0) rows.push([{ text: ctx.t("nav.back"), callback_data: callbackData(flow.id, state.step, "back") }]);
      rows.push(helpRow(ctx, { menu: flow.id !== "menu" }));
    }
    const screen: Screen = { text: ctx.t(step.text, params), rows };
    await show(ctx, screen);
  }

  async function go(ctx: BotContext, state: FlowState, target: Target): Promise<void> {
    if (target === "nav:help") {
      ctx.session.flow = state;
      await actions.showHelp(ctx);
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
      if (target === "end" && flow.onComplete) await actions.onComplete[flow.onComplete]!(ctx, state.answers);
      const next = target === "end" ? (state.then ?? flow.then ?? "flow:menu") : target;
      ctx.session.flow = undefined;
      await start(ctx, next.slice("flow:".length));
      return;
    }
    state.history.push(state.step);
    state.step = target;
    ctx.session.flow = state;
    await render(ctx, state);
  }

  async function start(ctx: BotContext, flowId: string, options: { then?: string } = {}): Promise<void> {
    const flow = flows.get(flowId);
    if (!flow) throw new Error(`Unknown flow "${flowId}"`);
    const state: FlowState = { id: flow.id, step: flow.start, answers: {}, history: [], startedAt: Date.now() };
    if (options.then) state.then = options.then;
    ctx.session.flow = state;
    await render(ctx, state);
  }

  return {
    start,
    async resume(ctx) {
      const state = ctx.session.flow;
      if (!stepOf(state)) return false;
      await render(ctx, state!);
      return true;
    },
    async press(ctx, data) {
      const parsed = parseCallbackData(data);
      if (!parsed) return false;
      const state = ctx.session.flow;
      const found = stepOf(state);
      // A button from an older message: say so, and show where the child really is.
      if (!found || state!.id !== parsed.flowId || state!.step !== parsed.stepId) {
        await ctx.answerCallbackQuery({ text: ctx.t("errors.oldButton") });
        if (!(await this.resume(ctx))) await start(ctx, "menu");
        return true;
      }
      await ctx.answerCallbackQuery();
      if (parsed.button === "back") return go(ctx, state!, "back").then(() => true);
      const button = found.step.buttons.flat()[parsed.button];
      if (!button) return true;
      Object.assign(state!.answers, button.set);
      await go(ctx, state!, button.go);
      return true;
    },
    async type(ctx, text) {
      const state = ctx.session.flow;
      const input = stepOf(state)?.step.input;
      if (!input) return false;
      if ([...text].length > input.maxLength) {
        await ctx.reply(ctx.t("errors.tooLong", { max: input.maxLength }), { reply_markup: { inline_keyboard: [helpRow(ctx)] } });
        return true;
      }
      state!.answers[input.record] = text;
      await go(ctx, state!, input.go);
      return true;
    },
  };
}
