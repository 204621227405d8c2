// The format of a conversation in flows/*.json, validated when the flows are loaded.
import { z } from "zod";

const id = z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, "must be snake_case, at most 24 characters");
const actionName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "must be camelCase, the name of an action registered in code");
const textKey = z.string().regex(/^[a-z][\w.]*(:[a-z][\w.]*)?$/, "must be an i18n key such as menu.main or report:intro");

/**
 * Where a button or an answer leads: a step of the same flow, `flow:<id>` (start another flow),
 * `nav:<screen>` (a screen in code: nav:help, nav:reports), `back` (the previous step) or `end`
 * (finish this flow).
 */
export const simpleTargetSchema = z.union([
  id,
  z.string().regex(/^flow:[a-z][a-z0-9_]*$/),
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

export const buttonSchema = z.strictObject({
  label: textKey,
  go: targetSchema,
  /** Answers recorded when the button is pressed. */
  set: z.record(id, z.string().max(64)).optional(),
});

export const inputSchema = z.strictObject({
  /** The answer the typed text is recorded as. */
  record: id,
  maxLength: z.number().int().min(1).max(4000),
  go: targetSchema,
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
  /** Values for the text's placeholders, from a provider registered in code. */
  params: actionName.optional(),
  buttons: z.array(z.array(buttonSchema).min(1).max(3)).max(12).default([]),
  input: inputSchema.optional(),
  media: mediaSchema.optional(),
  /** An action run when the child arrives at this step (e.g. alert staff at once). */
  onEnter: actionName.optional(),
  /** Adds Back / Get help now / Menu (and Cancel, Quick exit where the flow has them) (default: yes). */
  footer: z.boolean().default(true),
});

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
    /** Unfinished answers are deleted after this long, with this note. */
    expires: z.strictObject({ hours: z.number().int().min(1), text: textKey }).optional(),
    steps: z.record(id, stepSchema),
  })
  .superRefine((flow, ctx) => {
    if (!flow.steps[flow.start]) ctx.addIssue({ code: "custom", path: ["start"], message: `no step "${flow.start}"` });
    for (const [name, step] of Object.entries(flow.steps)) {
      if (step.buttons.length === 0 && !step.input) {
        ctx.addIssue({ code: "custom", path: ["steps", name], message: "a step needs buttons or an input, or the child is stuck" });
      }
    }
  });

export type SimpleTarget = z.infer<typeof simpleTargetSchema>;
export type Target = z.infer<typeof targetSchema>;
export type FlowButton = z.infer<typeof buttonSchema>;
export type FlowStep = z.infer<typeof stepSchema>;
export type Flow = z.infer<typeof flowSchema>;

/** Every place a target can lead (both branches of a condition). */
export function targetsOf(target: Target): SimpleTarget[] {
  return typeof target === "string" ? [target] : [target.then, target.else];
}

export function resolveTarget(target: Target, answers: Record<string, string>): SimpleTarget {
  if (typeof target === "string") return target;
  const matches = Object.entries(target.if).every(([key, values]) => values.includes(answers[key] ?? ""));
  return matches ? target.then : target.else;
}
