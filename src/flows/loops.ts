// Loops in flow files: a few steps repeated once per item of a list (the quiz: a question, then
// "right" or "wrong", for each question of the rights library). A loop is unrolled when the flows
// are loaded, before they are validated, so everything else (the engine, the flow lint, button
// ids, versions, answer checks) sees ordinary steps: `question_q1`, `right_q1`, … `question_q9`.
//
//   "loops": [{ "list": "quiz", "steps": ["question", "right", "wrong"], "then": "satisfaction" }]
//
// In the loop's steps, `{{item}}` is the item's id, `{{item.<tag>}}` one of its tags (a quiz
// question's right option), `{{number}}` its place (from 1) and `{{count}}` the list's length.
// A target naming a loop step leads to that step for the same item; `next` leads to the first
// loop step of the next item, and after the last to the loop's `then`. Outside the loop, a
// target naming a loop step leads to it for the first item.
import { z } from "zod";
import { choiceLists, type ChoiceItem } from "../domain/choices.js";

const loopSchema = z.strictObject({
  list: z.string(),
  /** The repeated steps; the first is where each item begins. */
  steps: z.array(z.string()).min(1),
  /** Where the flow goes after the last item (a step outside the loop, or any target). */
  then: z.string(),
});
const withLoops = z.looseObject({ loops: z.array(loopSchema).optional() });

type Raw = Record<string, unknown>;
type RawStep = Raw & { buttons?: Raw[][]; input?: Raw; choices?: Raw };

export class LoopError extends Error {}

/** The flow file with its loops unrolled (unchanged when it has none). Throws LoopError when a loop cannot be read. */
export function unrollLoops(file: unknown): unknown {
  const parsed = withLoops.safeParse(file);
  if (!parsed.success || !parsed.data.loops) return file;
  const { loops, ...flow } = parsed.data;
  let steps = { ...(flow.steps as Record<string, RawStep>) };
  let outside: Raw = flow;
  for (const [n, loop] of loops.entries()) {
    const items = choiceLists[loop.list]?.items;
    if (!items?.length) throw new LoopError(`loops.${n}.list: no list "${loop.list}" (lists: ${Object.keys(choiceLists).join(", ")})`);
    for (const name of loop.steps) if (!steps[name]) throw new LoopError(`loops.${n}.steps: no step "${name}"`);
    const copyName = (name: string, item: ChoiceItem) => `${name}_${item.id}`;
    const body = new Set(loop.steps);
    const unrolled: Record<string, RawStep> = {};
    items.forEach((item, i) => {
      const following = items[i + 1];
      const retarget = (target: string) =>
        target === "next"
          ? following
            ? copyName(loop.steps[0]!, following)
            : loop.then
          : body.has(target)
            ? copyName(target, item)
            : target;
      for (const name of loop.steps) {
        const step = substitute(steps[name], item, i + 1, items.length, `loops.${n} (${name})`) as RawStep;
        unrolled[copyName(name, item)] = retargetStep(step, retarget);
      }
    });
    const first = items[0]!;
    const intoLoop = (target: string) => (body.has(target) ? copyName(target, first) : target);
    const rest = Object.entries(steps).filter(([name]) => !body.has(name));
    steps = { ...Object.fromEntries(rest.map(([name, step]) => [name, retargetStep(step, intoLoop)])), ...unrolled };
    outside = {
      ...outside,
      ...(typeof outside.start === "string" ? { start: intoLoop(outside.start) } : {}),
      ...(Array.isArray(outside.entries) ? { entries: outside.entries.map((e) => (typeof e === "string" ? intoLoop(e) : e)) } : {}),
    };
  }
  return { ...outside, steps };
}

/** The step with `{{item}}`, `{{item.<tag>}}`, `{{number}}` and `{{count}}` written in, in every string. */
function substitute(value: unknown, item: ChoiceItem, number: number, count: number, where: string): unknown {
  if (typeof value === "string") {
    return value.replace(/\{\{(item(?:\.(\w+))?|number|count)\}\}/g, (_all, name: string, tag: string | undefined) => {
      if (name === "number") return String(number);
      if (name === "count") return String(count);
      if (tag === undefined) return item.id;
      const tagged = item.tags?.[tag];
      if (tagged === undefined) throw new LoopError(`${where}: the list's items have no tag "${tag}"`);
      return tagged;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, item, number, count, where));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [substitute(k, item, number, count, where), substitute(v, item, number, count, where)]),
    );
  return value;
}

/** Every place a step leads (buttons, the typed answer, drawn choices, both sides of a condition), renamed. */
function retargetStep(step: RawStep, rename: (target: string) => string): RawStep {
  const target = (go: unknown): unknown => {
    if (typeof go === "string") return rename(go);
    if (go && typeof go === "object" && "then" in go && "else" in go) return { ...go, then: target(go.then), else: target(go.else) };
    return go;
  };
  const withGo = <T extends Raw | undefined>(part: T): T => (part && "go" in part ? { ...part, go: target(part.go) } : part);
  return {
    ...step,
    ...(Array.isArray(step.buttons) ? { buttons: step.buttons.map((row) => (Array.isArray(row) ? row.map(withGo) : row)) } : {}),
    ...(step.input ? { input: withGo(step.input) } : {}),
    ...(step.choices ? { choices: withGo(step.choices) } : {}),
  };
}
