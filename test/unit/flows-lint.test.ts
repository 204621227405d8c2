// Lints every conversation in flows/: valid format, every step reachable, every path can end,
// every text in every language, every button within Telegram's limits, every action real.
import { describe, expect, it } from "vitest";
import { loadFlows, flowFiles } from "../../src/flows/registry.ts";
import { callbackData } from "../../src/flows/engine.ts";
import { flowActions as actions } from "../../src/bot/flow-actions.ts";
import { createI18n, languages } from "../../src/i18n/i18n.ts";
import { buttonId, controlIds, flowVersion, targetsOf, type Flow, type SimpleTarget } from "../../src/flows/schema.ts";
import { callbackBytes, decodeCallback } from "../../src/bot/callback-data.ts";
import { actionProblems } from "../../src/flows/actions.ts";
import { answerSchema } from "../../src/flows/answers.ts";
import reportFile from "../../flows/report.json" with { type: "json" };

const flows = loadFlows();
const i18n = createI18n();

const stepTargets = (flow: Flow, step: string): SimpleTarget[] => {
  const s = flow.steps[step]!;
  return [...s.buttons.flat().map((b) => b.go), ...(s.input ? [s.input.go] : [])].flatMap(targetsOf);
};

describe.each([...flows.values()].map((f) => [f.id, f] as const))("flow %s", (_id, flow) => {
  it("every target exists", () => {
    for (const step of Object.keys(flow.steps)) {
      for (const target of stepTargets(flow, step)) {
        if (target.startsWith("flow:")) {
          // flow:<id> or flow:<id>:<step>, a step the other flow lets others start at.
          const [, id, entry] = target.split(":");
          expect(flows.has(id!), `${step} -> ${target}`).toBe(true);
          if (entry) expect(flows.get(id!)!.entries, `${step} -> ${target}`).toContain(entry);
        } else if (target.startsWith("nav:")) expect(Object.keys(actions.nav), `${step} -> ${target}`).toContain(target.slice(4));
        else if (!["back", "end"].includes(target)) expect(flow.steps[target], `${step} -> ${target}`).toBeDefined();
      }
    }
    if (flow.then) expect(flows.has(flow.then.slice(5))).toBe(true);
  });

  it("every step is reachable from the start or an entry", () => {
    const seen = new Set([flow.start, ...flow.entries]);
    const queue = [...seen];
    while (queue.length) {
      for (const t of stepTargets(flow, queue.shift()!)) {
        if (flow.steps[t] && !seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(flow.steps).sort());
  });

  it("every step has a path to an end (no dead ends, no loops without exit)", () => {
    const canEnd = new Set<string>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const step of Object.keys(flow.steps)) {
        if (canEnd.has(step)) continue;
        // A nav: screen in code is a way out of the flow too (help, my reports, the rights topics).
        if (stepTargets(flow, step).some((t) => t === "end" || t.startsWith("flow:") || t.startsWith("nav:") || canEnd.has(t))) {
          canEnd.add(step);
          changed = true;
        }
      }
    }
    expect(Object.keys(flow.steps).filter((s) => !canEnd.has(s))).toEqual([]);
  });

  it("every text and label exists in every language", () => {
    const keys = [
      ...Object.values(flow.steps).flatMap((s) => [
        s.text,
        ...s.buttons.flat().map((b) => b.label),
        ...(s.media ? [s.media.savedText, s.media.fullText, s.media.voiceText] : []),
      ]),
      ...(flow.cancelText ? [flow.cancelText] : []),
      ...(flow.expires ? [flow.expires.text] : []),
    ];
    for (const lang of languages) {
      const t = i18n.t(lang);
      // count: 1 so that plural keys (key_one, key_other…) are looked up as the bot does.
      for (const key of keys) expect(t(key, { count: 1, defaultValue: "\u0000missing" }), `${lang} ${key}`).not.toBe("\u0000missing");
    }
  });

  it("every button fits Telegram's limits (64-byte callback data, short labels)", () => {
    for (const [step, s] of Object.entries(flow.steps)) {
      for (const ref of [...s.buttons.flat().map(buttonId), ...controlIds]) {
        const data = callbackData(flow.id, step, ref);
        expect(callbackBytes(data), data).toBeLessThanOrEqual(64);
      }
      for (const lang of languages) {
        for (const b of s.buttons.flat()) expect([...i18n.t(lang)(b.label)].length, `${lang} ${b.label}`).toBeLessThanOrEqual(64);
      }
    }
  });

  it("every button of a step has its own id, never a control's name, and its data reads back", () => {
    for (const [step, s] of Object.entries(flow.steps)) {
      const ids = s.buttons.flat().map(buttonId);
      expect(new Set(ids).size, `${step}: ${ids.join(", ")}`).toBe(ids.length);
      for (const id of ids) {
        expect(id, `${step}.${id}`).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(controlIds, `${step}.${id}`).not.toContain(id);
        expect(decodeCallback(callbackData(flow.id, step, id))).toEqual({ kind: "flow", flow: flow.id, step, button: id });
      }
    }
  });

  it("names only code that exists, and its actions read only answers the flow records, with values they accept", () => {
    expect(actionProblems(new Map([[flow.id, flow]]), actions)).toEqual([]);
    if (flow.onComplete) expect(Object.keys(actions.onComplete)).toContain(flow.onComplete);
    if (flow.guard) expect(Object.keys(actions.guards)).toContain(flow.guard);
    for (const s of Object.values(flow.steps)) {
      if (s.params) expect(Object.keys(actions.params)).toContain(s.params);
      if (s.onEnter) expect(Object.keys(actions.onEnter)).toContain(s.onEnter);
    }
  });
});

describe("flow loading", () => {
  const step = (buttons: unknown[][]) => ({ text: "x.y", buttons });
  const button = (fields: Record<string, unknown>) => ({ go: "end", ...fields });

  it("rejects two buttons of one step that share an id, naming the step and the fix", () => {
    // Two labels that end the same way derive the same id.
    const sameLabelEnd = {
      id: "dup",
      start: "a",
      steps: { a: step([[button({ label: "report:yes" }), button({ label: "common:yes" })]]) },
    };
    expect(() => loadFlows({ ...flowFiles, dup: sameLabelEnd })).toThrow(
      /flows\/dup\.json steps\.a\.buttons: two buttons share the id "yes" \(from the label common:yes; set an "id"\)/,
    );
    const sameId = {
      id: "dup",
      start: "a",
      steps: { a: step([[button({ id: "same", label: "x.one" })], [button({ id: "same", label: "x.two" })]]) },
    };
    expect(() => loadFlows({ ...flowFiles, dup: sameId })).toThrow(/two buttons share the id "id": "same"/);
    // The same id on different steps is fine; explicit ids resolve a clash.
    const fixed = {
      id: "dup",
      start: "a",
      steps: { a: step([[button({ label: "report:yes" }), button({ id: "common_yes", label: "common:yes" })]]) },
    };
    expect(loadFlows({ ...flowFiles, dup: fixed }).get("dup")).toBeDefined();
  });

  it("rejects a button called like a control (back, cancel) or an id that could be old positional data", () => {
    const control = { id: "ctl", start: "a", steps: { a: step([[button({ label: "nav.back" })]]) } };
    expect(() => loadFlows({ ...flowFiles, ctl: control })).toThrow(
      /button id "back" \(from the label nav\.back; set an "id"\) is the name of a control/,
    );
    const digits = { id: "num", start: "a", steps: { a: step([[button({ label: "report:age.10" })]]) } };
    expect(() => loadFlows({ ...flowFiles, num: digits })).toThrow(/button id "10" .* must be snake_case and start with a letter/);
  });

  it("rejects callback data longer than Telegram's 64 bytes (1f: + flow + step + button id)", () => {
    const long = "a".repeat(24);
    const tooLong = { id: long, start: long, steps: { [long]: step([[button({ id: "b234567890123", label: "x.y" })]]) } };
    // 3 + 24 + 1 + 24 + 1 + 13 = 66 bytes.
    expect(() => loadFlows({ [long]: tooLong })).toThrow(/callback data 1f:a{24}:a{24}:b234567890123 is 66 bytes, more than Telegram's 64/);
    const fits = { ...tooLong, steps: { [long]: step([[button({ id: "b2345678901", label: "x.y" })]]) } };
    expect(loadFlows({ [long]: fits }).get(long)).toBeDefined();
  });

  it("reads flow buttons of the old format (no version byte) as the same buttons; positional data names no button", () => {
    expect(decodeCallback("f:report:safe:safe_no")).toEqual({ kind: "flow", flow: "report", step: "safe", button: "safe_no" });
    expect(decodeCallback("f:report:safe:back")).toMatchObject({ kind: "flow", button: "back" });
    // Positional data from before button ids: no id is all digits, so the engine treats it as an old button.
    expect(decodeCallback("f:report:safe:1")).toMatchObject({ kind: "flow", button: "1" });
    for (const flow of flows.values())
      for (const s of Object.values(flow.steps)) for (const b of s.buttons.flat()) expect(buttonId(b)).not.toMatch(/^\d+$/);
    expect(decodeCallback("f:report:safe")).toBeUndefined();
    expect(decodeCallback("f:report:safe:a:b")).toBeUndefined();
    expect(decodeCallback("nav:help")).toEqual({ kind: "nav.help" });
  });

  it("gives every flow a version that changes with the flow and not with the order of its keys", () => {
    const report = loadFlows().get("report")!;
    expect(flowVersion(report)).toMatch(/^[0-9a-f]{16}$/);
    expect(flowVersion(report)).toBe(flowVersion(loadFlows().get("report")!));
    const reordered = Object.fromEntries(Object.entries(report).reverse()) as Flow;
    expect(flowVersion(reordered)).toBe(flowVersion(report));
    const edited = structuredClone(report);
    edited.steps.safe!.buttons.reverse();
    expect(flowVersion(edited)).not.toBe(flowVersion(report));
    const versions = [...loadFlows().values()].map(flowVersion);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("fails when an action reads an answer the flow never records, or a value it does not accept", () => {
    const report = structuredClone(reportFile);
    const steps: Record<string, unknown> = report.steps;
    // The school question is gone, but submitReport still reads "school".
    steps.age = {
      ...report.steps.age,
      choices: { ...report.steps.age.choices, go: "words" },
      buttons: [[{ label: "report:prefer_not", go: "words" }]],
    };
    delete steps.school;
    // And a contact button records a value the report does not know.
    steps.contact = { text: "report:contact", buttons: [[{ label: "report:contact_yes", go: "review", set: { contact: "maybe" } }]] };
    const problems = actionProblems(loadFlows({ ...flowFiles, report }), actions);
    expect(problems).toContain('flows/report.json: submitReport reads the answer "school", which the flow never records');
    expect(problems).toContain('flows/report.json: the answer "contact" can be "maybe", which submitReport does not accept');
    expect(problems.every((p) => p.startsWith("flows/report.json"))).toBe(true);
  });

  it("derives a flow's answers from its buttons, lists, typed text and the actions it names", () => {
    const schema = answerSchema(flows.get("report")!, (action) => actions.onEnter[action]?.writes ?? []);
    expect([...schema.get("region")!]).toHaveLength(20);
    expect(schema.get("category")).toContain("bullying");
    expect(schema.get("age")).toEqual(new Set(["UNDER_10", "AGE_10_12", "AGE_13_15", "AGE_16_17", "ADULT"]));
    expect(schema.get("words")).toEqual(new Set(["text"]));
    expect(schema.get("alerted")).toEqual(new Set(["code"]));
  });

  it("rejects a step that draws its buttons from a list that does not exist", () => {
    const listless = {
      id: "listless",
      start: "a",
      steps: { a: { text: "x.y", choices: { list: "planets", record: "planet", go: "end" } } },
    };
    expect(() => loadFlows({ ...flowFiles, listless })).toThrow(/flows\/listless\.json steps\.a\.choices\.list: no list "planets"/);
  });

  it("rejects a malformed flow with a message naming the file and the problem", () => {
    expect(() => loadFlows({ ...flowFiles, broken: { id: "broken", start: "nowhere", steps: { a: { text: "x.y" } } } })).toThrow(
      /flows\/broken\.json start: no step "nowhere"[\s\S]*steps\.a: a step needs buttons or an input/,
    );
  });
});
