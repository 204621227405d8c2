// The format of a conversation in flows/*.json, validated when the flows are loaded.
import { z } from "zod";
import { choiceLists, type ChoiceItem } from "../domain/choices.js";
import { dataKey } from "../i18n/data-keys.js";
import { CALLBACK_DATA_MAX_BYTES, callbackBytes, callbackDataFor } from "../bot/callback-data.js";

const id = z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, "must be snake_case, at most 24 characters");
const actionName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "must be camelCase, the name of an action registered in code");
// A text key; the flow lint checks that it exists in every language, so it is typed as one.
const textKey = z
  .string()
  .regex(/^[a-z][\w.]*(:[a-z][\w.]*)?$/, "must be an i18n key such as menu.main or report:intro")
  .transform(dataKey);

/**
 * Where a button or an answer leads: a step of the same flow, `flow:<id>` (start another flow;
 * `flow:<id>:<step>` starts it at one of its `entries`), `nav:<screen>` (a screen in code:
 * nav:help, nav:reports), `back` (the previous step) or `end` (finish this flow).
 */
export const simpleTargetSchema = z.union([
  id,
  z.string().regex(/^flow:[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$/),
  z.string().regex(/^nav:[a-z][a-z0-9_]*$/, "nav: targets name a screen registered in code (nav:help, nav:reports)"),
  z.enum(["back", "end"]),
]);

/** A branch on earlier answers: `{ "if": { "safe": ["no"] }, "then": "words", "else": "involved" }`. */
export const conditionalTargetSchema = z.strictObject({
  if: z.record(id, z.array(z.string()).min(1)),
  then: simpleTargetSchema,
  else: simpleTargetSchema,
});

export const targetSchema = z.union([simpleTargetSchema, conditionalTargetSchema]);

/** Answers that must hold one of these values: `{ "happening": ["report"] }`. */
const answerCondition = z.record(id, z.array(z.string()).min(1));

export const buttonSchema = z.strictObject({
  /**
   * What the button's callback data names it by (default: the last part of its label key, see
   * buttonId). Set it only to keep an old id when renaming a label key, or when two buttons of a
   * step share a label.
   */
  id: id.optional(),
  label: textKey,
  /** `stay`: the screen stays as it is (with `toast`, a short note over it), e.g. "Did this help?". */
  go: z.union([targetSchema, z.literal("stay")]),
  /** Answers recorded when the button is pressed. */
  set: z.record(id, z.string().max(64)).optional(),
  /** Shown only once this answer has been given (e.g. "That's all" after some words). */
  when: id.optional(),
  /** Shown only when the answers hold these values (a topic whose «This is happening to me» leads to the report). */
  if: answerCondition.optional(),
  /** An action registered in code run when the button is pressed, after `set` (records the feedback). */
  onPress: actionName.optional(),
  /** A short note Telegram shows over the chat when the button is pressed. */
  toast: textKey.optional(),
});

export const inputSchema = z.strictObject({
  /** The answer the typed text is recorded as. */
  record: id,
  // Up to a whole Telegram message (4,096): a message to a report may be that long.
  maxLength: z.number().int().min(1).max(4096),
  go: targetSchema,
  /** Typed text is added to what the answer already holds instead of replacing it. */
  append: z.boolean().default(false),
  /**
   * A check registered in code that reads the typed text first: it gives the value to record (a
   * case code becomes the report it opens), asks again with a kind word, or lets the words go on
   * to the rest of the bot (a child who tells their story instead of a code is listened to).
   */
  check: actionName.optional(),
});

export const mediaSchema = z.strictObject({
  /** How many photos, documents or voice notes this step accepts. */
  max: z.number().int().min(1).max(10),
  /** Said after each file ({{count}}), when the step is full, and after a voice note. */
  savedText: textKey,
  fullText: textKey,
  voiceText: textKey,
});

export const stepSchema = z.strictObject({
  text: textKey,
  /** Further paragraphs after the text, each its own text (a verdict, then the explanation). */
  paragraphs: z.array(textKey).max(6).default([]),
  /** Values for the text's placeholders, from a provider registered in code. */
  params: actionName.optional(),
  /** Values for the text's placeholders written here: a string as it is, or `{ "text": key }` for a text. */
  values: z.record(id, z.union([z.string().max(200), z.strictObject({ text: textKey })])).default({}),
  buttons: z.array(z.array(buttonSchema).min(1).max(3)).max(12).default([]),
  /**
   * The buttons that record this answer are shown in the alphabetical order of their labels in
   * the child's language, three to a row (place names: the order differs by language); the other
   * buttons keep their rows, after them.
   */
  sortBy: id.optional(),
  /**
   * Buttons drawn from a list defined in code (domain/choices.ts: regions, categories, age bands),
   * one per item, recording its id as this answer; shown before the step's own buttons. Their ids
   * are the last part of their labels, as for any button.
   */
  choices: z
    .strictObject({
      list: id,
      record: id,
      go: targetSchema,
      perRow: z.number().int().min(1).max(3).default(2),
      /** Only the items whose tag equals an answer: `{ "group": "group" }` shows the topics of the theme chosen before. */
      where: z.record(id, id).optional(),
      /** Item tags also recorded as answers of the same name (where a topic's «This is happening to me» leads). */
      carry: z.array(id).optional(),
    })
    .optional(),
  input: inputSchema.optional(),
  media: mediaSchema.optional(),
  /** An action run when the child arrives at this step (e.g. alert staff at once). */
  onEnter: actionName.optional(),
  /** Adds Back / Get help now / Menu (and Cancel, Quick exit where the flow has them) (default: yes). */
  footer: z.boolean().default(true),
  /** No Back on this step: what it did is done (a quiz result is counted once). */
  back: z.boolean().default(true),
});

type ParsedFlow = { steps: Record<string, z.infer<typeof stepSchema>> };

/** Each step's "choices" as buttons (before its own), from the list it names. */
function withChoices<F extends ParsedFlow>(flow: F, ctx: z.RefinementCtx): F {
  const steps = Object.entries(flow.steps).map(([name, step]) => {
    if (!step.choices) return [name, step] as const;
    const { list, record, go, perRow, where, carry } = step.choices;
    const chosen = choiceLists[list];
    const items = chosen?.items;
    if (!items) {
      ctx.addIssue({
        code: "custom",
        path: ["steps", name, "choices", "list"],
        message: `no list "${list}" (lists: ${Object.keys(choiceLists).join(", ")})`,
      });
      return [name, step] as const;
    }
    const tagsOf = (item: ChoiceItem, names: string[]) => Object.fromEntries(names.map((tag) => [tag, item.tags?.[tag] ?? ""]));
    const missing = [...Object.keys(where ?? {}), ...(carry ?? [])].filter((tag) => items.some((item) => item.tags?.[tag] === undefined));
    for (const tag of new Set(missing))
      ctx.addIssue({ code: "custom", path: ["steps", name, "choices"], message: `the items of "${list}" have no tag "${tag}"` });
    const drawn: FlowButton[] = items.map((item) => ({
      ...(chosen.idsFromItems ? { id: item.id } : {}),
      label: dataKey(item.label),
      go,
      set: { [record]: item.id, ...tagsOf(item, carry ?? []) },
      // Shown when each answer named in `where` equals the item's tag of that name.
      ...(where ? { if: Object.fromEntries(Object.entries(where).map(([tag, answer]) => [answer, [item.tags?.[tag] ?? ""]])) } : {}),
    }));
    const rows = Array.from({ length: Math.ceil(drawn.length / perRow) }, (_, i) => drawn.slice(i * perRow, (i + 1) * perRow));
    return [name, { ...step, buttons: [...rows, ...step.buttons] }] as const;
  });
  return { ...flow, steps: Object.fromEntries(steps) };
}

export const flowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    start: id,
    /** Where to go after `end` (default: the main menu). */
    then: simpleTargetSchema.optional(),
    /** An action registered in code that receives the answers when the flow ends. */
    onComplete: actionName.optional(),
    /** An action that may refuse to start the flow (rate limits, blocked senders). */
    guard: actionName.optional(),
    /** A Cancel button on every step that deletes the answers; the text shown afterwards. */
    cancelText: textKey.optional(),
    /** A Quick exit button on every step (sensitive flows). */
    quickExit: z.boolean().default(false),
    /**
     * Words typed at a step that asks for a button are kept in this answer (never dropped), and
     * the child is told so with this text.
     */
    keepTypedWords: z.strictObject({ answer: id, text: textKey }).optional(),
    /** Answers code gives when it starts the flow (StartOptions.prefill), e.g. the report a message is for. */
    given: z.array(id).default([]),
    /** Steps code may start the flow at, besides `start` (StartOptions.at). */
    entries: z.array(id).default([]),
    /** Unfinished answers are deleted after this long, with this note. */
    expires: z.strictObject({ hours: z.number().int().min(1), text: textKey }).optional(),
    steps: z.record(id, stepSchema),
  })
  .transform(withChoices)
  .superRefine((flow, ctx) => {
    if (!flow.steps[flow.start]) ctx.addIssue({ code: "custom", path: ["start"], message: `no step "${flow.start}"` });
    for (const entry of flow.entries)
      if (!flow.steps[entry]) ctx.addIssue({ code: "custom", path: ["entries"], message: `no step "${entry}"` });
    for (const [name, step] of Object.entries(flow.steps)) {
      if (step.buttons.length === 0 && !step.input) {
        ctx.addIssue({ code: "custom", path: ["steps", name], message: "a step needs buttons or an input, or the child is stuck" });
      }
      for (const problem of buttonIdProblems(flow.id, name, step))
        ctx.addIssue({ code: "custom", path: ["steps", name, "buttons"], message: problem });
    }
  });

export type SimpleTarget = z.infer<typeof simpleTargetSchema>;
export type Target = z.infer<typeof targetSchema>;
export type FlowButton = z.infer<typeof buttonSchema>;
export type FlowStep = z.infer<typeof stepSchema>;
export type Flow = z.infer<typeof flowSchema>;

/** Every place a target can lead (both branches of a condition; none for `stay`). */
export function targetsOf(target: Target | "stay"): SimpleTarget[] {
  if (target === "stay") return [];
  return typeof target === "string" ? [target] : [target.then, target.else];
}

/** Whether the answers hold one of the values each named answer must have. */
export function answersMatch(condition: Record<string, string[]>, answers: Record<string, string>): boolean {
  return Object.entries(condition).every(([key, values]) => values.includes(answers[key] ?? ""));
}

export function resolveTarget(target: Target, answers: Record<string, string>): SimpleTarget {
  if (typeof target === "string") return target;
  return answersMatch(target.if, answers) ? target.then : target.else;
}

// ---- Button ids and callback data ----------------------------------------------------------
//
// A button's callback data names its flow, step and button id (the codec in bot/callback-data.ts
// writes it: "1f:<flow>:<step>:<button id>"). The id never depends on the button's position, so
// reordering, adding or hiding buttons cannot change what a button still on a child's screen
// records. By default the id is the last part of the button's label key ("report:cat_bullying" ->
// "cat_bullying", "report:regions.abai" -> "abai"): the label is what the child saw and tapped, so
// the id follows the meaning of the button, every button has one without anyone writing it, and
// the flow files stay as they are. An explicit "id" overrides it (to keep an id when a label key
// is renamed, or when two buttons of a step share a label). If an id does disappear, its old
// buttons are treated as buttons from an older message.
//
// Ids start with a letter; data whose last part is all digits comes from the old positional
// format (`f:report:safe:1`, messages sent before ids existed): it names no button, so it is
// never read as an answer.

/** The controls every step may show; no button may be called like them. */
export const controlIds = ["back", "cancel"] as const;
const buttonIdPattern = /^[a-z][a-z0-9_]*$/;

export function buttonId(button: Pick<FlowButton, "id" | "label">): string {
  return button.id ?? button.label.split(/[:.]/).at(-1)!;
}

/** The callback data of a flow's button or control (not checked against Telegram's limit: see buttonIdProblems). */
export function callbackData(flowId: string, stepId: string, button: string): string {
  return callbackDataFor({ kind: "flow", flow: flowId, step: stepId, button });
}

/** What is wrong with the ids of a step's buttons: shared, malformed, or too long for Telegram. */
export function buttonIdProblems(flowId: string, stepId: string, step: Pick<FlowStep, "buttons">): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const button of step.buttons.flat()) {
    const bid = buttonId(button);
    const named = button.id ? `"id": "${bid}"` : `"${bid}" (from the label ${button.label}; set an "id")`;
    if (!buttonIdPattern.test(bid)) problems.push(`button id ${named} must be snake_case and start with a letter`);
    if ((controlIds as readonly string[]).includes(bid)) problems.push(`button id ${named} is the name of a control`);
    if (seen.has(bid)) problems.push(`two buttons share the id ${named}: give one an "id"`);
    seen.add(bid);
  }
  for (const bid of [...seen, ...controlIds]) {
    const bytes = callbackBytes(callbackData(flowId, stepId, bid));
    if (bytes > CALLBACK_DATA_MAX_BYTES) {
      problems.push(
        `callback data ${callbackData(flowId, stepId, bid)} is ${bytes} bytes, more than Telegram's ${CALLBACK_DATA_MAX_BYTES}: shorten the flow, step or button id`,
      );
    }
  }
  return problems;
}

// ---- Versions ------------------------------------------------------------------------------
//
// A flow's version is a hash of the whole flow, computed when it is loaded: nobody has to
// remember to bump it. Any edit changes it, and a changed version only means "check whether the
// saved state still fits" (see the engine), so an edit that breaks nothing costs the child nothing.

/** JSON with sorted keys, so that the same flow always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => v !== undefined && k !== "$schema");
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A short hash (FNV-1a, 2 x 32 bits) of the flow's structure: not a secret, only a fingerprint. */
export function flowVersion(flow: Flow): string {
  const text = canonical(flow);
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
