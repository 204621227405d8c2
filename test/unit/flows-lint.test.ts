// Lints every conversation in flows/: valid format, every step reachable, every path can end,
// every text in every language, every button within Telegram's limits, every action real.
import { describe, expect, it } from "vitest";
import { loadFlows, flowFiles } from "../../src/flows/registry.ts";
import { callbackData } from "../../src/flows/engine.ts";
import { createFlowActions } from "../../src/flows/actions.ts";
import { createI18n, languages } from "../../src/i18n/i18n.ts";
import type { Db } from "../../src/db/client.ts";
import { targetsOf, type Flow, type SimpleTarget } from "../../src/flows/schema.ts";

const flows = loadFlows();
const i18n = createI18n();
// Only the names are inspected; no action runs, so no database is needed.
const actions = createFlowActions({ db: {} as Db, i18n });

const stepTargets = (flow: Flow, step: string): SimpleTarget[] => {
  const s = flow.steps[step]!;
  return [...s.buttons.flat().map((b) => b.go), ...(s.input ? [s.input.go] : [])].flatMap(targetsOf);
};

describe.each([...flows.values()].map((f) => [f.id, f] as const))("flow %s", (_id, flow) => {
  it("every target exists", () => {
    for (const step of Object.keys(flow.steps)) {
      for (const target of stepTargets(flow, step)) {
        if (target.startsWith("flow:")) expect(flows.has(target.slice(5)), `${step} -> ${target}`).toBe(true);
        else if (target.startsWith("nav:")) expect(Object.keys(actions.nav), `${step} -> ${target}`).toContain(target.slice(4));
        else if (!["back", "end"].includes(target)) expect(flow.steps[target], `${step} -> ${target}`).toBeDefined();
      }
    }
    if (flow.then) expect(flows.has(flow.then.slice(5))).toBe(true);
  });

  it("every step is reachable from the start", () => {
    const seen = new Set([flow.start]);
    const queue = [flow.start];
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
      ...Object.values(flow.steps).flatMap((s) => [s.text, ...s.buttons.flat().map((b) => b.label), ...(s.media ? [s.media.savedText, s.media.fullText, s.media.voiceText] : [])]),
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
      const count = s.buttons.flat().length;
      expect(new TextEncoder().encode(callbackData(flow.id, step, count)).length).toBeLessThanOrEqual(64);
      expect(new TextEncoder().encode(callbackData(flow.id, step, "cancel")).length).toBeLessThanOrEqual(64);
      for (const lang of languages) {
        for (const b of s.buttons.flat()) expect([...i18n.t(lang)(b.label)].length, `${lang} ${b.label}`).toBeLessThanOrEqual(64);
      }
    }
  });

  it("names only actions and params that exist in code", () => {
    if (flow.onComplete) expect(Object.keys(actions.onComplete)).toContain(flow.onComplete);
    if (flow.guard) expect(Object.keys(actions.guards)).toContain(flow.guard);
    for (const s of Object.values(flow.steps)) {
      if (s.params) expect(Object.keys(actions.params)).toContain(s.params);
      if (s.onEnter) expect(Object.keys(actions.onEnter)).toContain(s.onEnter);
    }
  });
});

describe("flow loading", () => {
  it("rejects a malformed flow with a message naming the file and the problem", () => {
    expect(() => loadFlows({ ...flowFiles, broken: { id: "broken", start: "nowhere", steps: { a: { text: "x.y" } } } })).toThrow(
      /flows\/broken\.json start: no step "nowhere"[\s\S]*steps\.a: a step needs buttons or an input/,
    );
  });
});
