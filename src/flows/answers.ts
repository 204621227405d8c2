// A flow's answers and the code that reads them. A flow's answer schema is what it can record:
// the answers its buttons set (with their values), the text it asks for, the words it keeps, and
// what the actions it names write. An action that reads answers declares them (a zod object with
// the values it accepts); when the engine is created, every flow is checked against the actions
// it names, so a renamed answer or a new button value fails at start, not at a child's Send.
import type { z } from "zod";
import type { Flow } from "./schema.js";
import type { FlowState } from "./state.js";

/** What an action reads and writes of a flow's answers. */
export interface AnswerContract {
  reads?: z.ZodObject;
  writes?: readonly string[];
}

/** Code a flow names (an onComplete, params or onEnter action), with what it reads and writes. */
export type FlowAction<C, R> = ((ctx: C, state: FlowState) => Promise<R>) & AnswerContract;

/**
 * An action that reads typed answers: `run` receives those the schema accepts (a value it does
 * not accept, possible only in a state saved by an older flow, is left out rather than failing).
 */
export function readingAnswers<S extends z.ZodObject, C, R>(
  reads: S,
  run: (ctx: C, answers: z.infer<S>, state: FlowState) => Promise<R>,
  writes: readonly string[] = [],
): FlowAction<C, R> {
  return Object.assign((ctx: C, state: FlowState) => run(ctx, readAnswers(reads, state.answers), state), { reads, writes });
}

/** The answers a schema accepts, each on its own. */
export function readAnswers<S extends z.ZodObject>(schema: S, answers: Record<string, string>): z.infer<S> {
  const accepted: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(answers[key]);
    if (parsed.success && parsed.data !== undefined) accepted[key] = parsed.data;
  }
  return schema.parse(accepted);
}

/** What a flow can record: each answer, with the values its buttons set ("text" for typed or kept words, "code" for what code gives or writes). */
export function answerSchema(flow: Flow, writtenBy: (action: string) => readonly string[]): Map<string, Set<string>> {
  const answers = new Map<string, Set<string>>();
  const add = (answer: string, value: string) => {
    if (!answers.has(answer)) answers.set(answer, new Set());
    answers.get(answer)!.add(value);
  };
  for (const step of Object.values(flow.steps)) {
    for (const button of step.buttons.flat()) {
      for (const [answer, value] of Object.entries(button.set ?? {})) add(answer, value);
      if (button.onPress) for (const answer of writtenBy(button.onPress)) add(answer, "code");
    }
    if (step.input) add(step.input.record, "text");
    if (step.onEnter) for (const answer of writtenBy(step.onEnter)) add(answer, "code");
  }
  if (flow.keepTypedWords) add(flow.keepTypedWords.answer, "text");
  for (const answer of flow.given) add(answer, "code");
  return answers;
}

/**
 * What is wrong between a flow and the actions it names: an answer read that the flow never
 * records, or a value a button records that the action does not accept.
 */
export function answerProblems(flow: Flow, contractOf: (action: string) => AnswerContract | undefined): string[] {
  const schema = answerSchema(flow, (action) => contractOf(action)?.writes ?? []);
  const named = [
    flow.onComplete,
    ...Object.values(flow.steps).flatMap((s) => [s.params, s.onEnter, ...s.buttons.flat().map((b) => b.onPress)]),
  ].filter((a): a is string => a !== undefined);
  const problems: string[] = [];
  for (const action of new Set(named)) {
    const reads = contractOf(action)?.reads;
    if (!reads) continue;
    for (const [answer, field] of Object.entries(reads.shape as Record<string, z.ZodType>)) {
      const values = schema.get(answer);
      if (!values) {
        problems.push(`flows/${flow.id}.json: ${action} reads the answer "${answer}", which the flow never records`);
        continue;
      }
      for (const value of values) {
        const sample = value === "text" ? "typed words" : value;
        if (value !== "code" && !field.safeParse(sample).success) {
          problems.push(
            `flows/${flow.id}.json: the answer "${answer}" can be ${value === "text" ? "typed text" : `"${value}"`}, which ${action} does not accept`,
          );
        }
      }
    }
  }
  return problems;
}
