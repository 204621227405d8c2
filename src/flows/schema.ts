// The format of a conversation in flows/*.json, validated when the flows are loaded.
import { z } from "zod";

const id = z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, "must be snake_case, at most 24 characters");
const actionName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "must be camelCase, the name of an action registered in code");
const textKey = z.string().regex(/^[a-z][\w.]*$/, "must be an i18n key such as menu.main");

/**
 * Where a button or an answer leads: a step of the same flow, `flow:<id>` (start another flow),
 * `nav:help` (the help screen), `back` (the previous step) or `end` (finish this flow).
 */
export const targetSchema = z.union([id, z.string().regex(/^flow:[a-z][a-z0-9_]*$/), z.enum(["nav:help", "back", "end"])]);

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

export const stepSchema = z.strictObject({
  text: textKey,
  /** Values for the text's placeholders, from a provider registered in code. */
  params: actionName.optional(),
  buttons: z.array(z.array(buttonSchema).min(1).max(3)).max(12).default([]),
  input: inputSchema.optional(),
  /** Adds Back / Get help now / Menu under the step's own buttons (default: yes). */
  footer: z.boolean().default(true),
});

export const flowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    start: id,
    /** Where to go after `end` (default: the main menu). */
    then: targetSchema.optional(),
    /** An action registered in code that receives the answers when the flow ends. */
    onComplete: actionName.optional(),
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

export type Target = z.infer<typeof targetSchema>;
export type FlowButton = z.infer<typeof buttonSchema>;
export type FlowStep = z.infer<typeof stepSchema>;
export type Flow = z.infer<typeof flowSchema>;
