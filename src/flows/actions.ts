// The code flows can name, as the engine sees it: a registry the bot fills from its features
// (bot/flow-actions.ts) and hands to the engine, and the check that flows and code agree.
import type { TextKey } from "../i18n/i18n.js";
import type { FlowContext } from "./context.js";
import type { FlowState } from "./state.js";
import { answerProblems, type FlowAction } from "./answers.js";
import { targetsOf, type Flow } from "./schema.js";

/**
 * Code that flows can name: what to do with the answers, guards, and values for texts. The bot
 * gathers them from its features and hands them to the engine (see bot/flow-actions.ts).
 */
export interface FlowActions<C extends FlowContext = FlowContext> {
  /** Return "handled" when the action showed its own screen and the flow should not go on. */
  onComplete: Record<string, FlowAction<C, void | "handled">>;
  /** Values (and i18next options) for a step's text. */
  params: Record<string, FlowAction<C, Record<string, unknown>>>;
  /** Return false (after telling the child why) to refuse to start the flow. */
  guards: Record<string, (ctx: C) => Promise<boolean>>;
  /** Runs when the child arrives at a step that names it. */
  onEnter: Record<string, FlowAction<C, void>>;
  /** Runs when the child presses a button that names it (after its answers are recorded). */
  onPress: Record<string, FlowAction<C, void>>;
  /** Screens in code that flows may lead to (`nav:help`, `nav:reports`). */
  nav: Record<string, (ctx: C) => Promise<void>>;
  /** Checks of typed text that inputs name (see InputCheck). */
  checks: Record<string, (ctx: C, text: string, state: FlowState) => Promise<InputCheck>>;
}

/**
 * What a check (an input's `check`) makes of typed text: the value to record, a kind word and the
 * same question again, or `leave`: the words were not an answer (a story instead of a code), so
 * the flow ends and the rest of the bot reads them.
 */
export type InputCheck = { value: string } | { retry: TextKey } | { leave: true };

/**
 * What is wrong between the flows and the code they name: an action, guard, params or nav screen
 * that does not exist, or answers an action reads that its flow does not record (see answers.ts).
 */
export function actionProblems(flows: Map<string, Flow>, actions: FlowActions<never>): string[] {
  const problems: string[] = [];
  const need = (flow: Flow, kind: keyof FlowActions, name: string | undefined) => {
    if (name !== undefined && !Object.hasOwn(actions[kind], name))
      problems.push(`flows/${flow.id}.json names ${kind} "${name}", which no code registers`);
  };
  for (const flow of flows.values()) {
    need(flow, "onComplete", flow.onComplete);
    need(flow, "guards", flow.guard);
    for (const step of Object.values(flow.steps)) {
      need(flow, "params", step.params);
      need(flow, "onEnter", step.onEnter);
      need(flow, "checks", step.input?.check);
      for (const button of step.buttons.flat()) need(flow, "onPress", button.onPress);
      const targets = [...step.buttons.flat().map((b) => b.go), ...(step.input ? [step.input.go] : [])].flatMap(targetsOf);
      for (const target of targets) if (target.startsWith("nav:")) need(flow, "nav", target.slice("nav:".length));
    }
    problems.push(
      ...answerProblems(flow, (name) => actions.onComplete[name] ?? actions.params[name] ?? actions.onEnter[name] ?? actions.onPress[name]),
    );
  }
  return problems;
}
