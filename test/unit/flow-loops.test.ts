// Loops, lists with tags, conditional buttons and entries of other flows, as the flow loader
// reads them: what a flow file becomes, and the errors that name the file and the fix.
import { describe, expect, it } from "vitest";
import { loadFlows, flowFiles } from "../../src/flows/registry.ts";
import { LoopError, unrollLoops } from "../../src/flows/loops.ts";
import { choiceLists } from "../../src/domain/choices.ts";
import { buttonId } from "../../src/flows/schema.ts";

type UnrolledStep = { values?: unknown; buttons: { go: unknown; set?: unknown }[][] };
const bands = choiceLists.child_age_bands!.items;
const looped = (loop: Record<string, unknown>, steps: Record<string, unknown> = {}) => ({
  id: "looped",
  start: "intro",
  loops: [{ list: "child_age_bands", steps: ["ask", "told"], then: "last", ...loop }],
  steps: {
    intro: { text: "x.intro", buttons: [[{ label: "x.go", go: "ask" }]] },
    ask: {
      text: "x.ask",
      values: { n: "{{number}}", of: "{{count}}", name: { text: "{{item.label_key}}" } },
      buttons: [[{ id: "pick", label: "x.pick", set: { "seen_{{item}}": "yes" }, go: "told" }]],
    },
    told: { text: "x.told", buttons: [[{ label: "x.next", go: "next" }]] },
    last: { text: "x.last", buttons: [[{ label: "x.end", go: "end" }]] },
    ...steps,
  },
});

describe("loops", () => {
  it("unrolls the loop's steps once per item, each leading to the same item's step, the next item, then out", () => {
    const listWithTags = { ...choiceLists.child_age_bands!, items: bands.map((b) => ({ ...b, tags: { label_key: b.label } })) };
    choiceLists.test_bands = listWithTags;
    try {
      const flow = unrollLoops(looped({ list: "test_bands" })) as { start: string; steps: Record<string, UnrolledStep> };
      expect(Object.keys(flow.steps).sort()).toEqual(["intro", "last", ...bands.flatMap((b) => [`ask_${b.id}`, `told_${b.id}`])].sort());
      expect(bands).toHaveLength(4);
      // Outside the loop, its first step means the first item's.
      expect(flow.steps.intro!.buttons[0]![0]!.go).toBe(`ask_${bands[0]!.id}`);
      const second = flow.steps[`ask_${bands[1]!.id}`];
      expect(second!.values).toEqual({ n: "2", of: "4", name: { text: bands[1]!.label } });
      expect(second!.buttons[0]![0]!).toMatchObject({ set: { [`seen_${bands[1]!.id}`]: "yes" }, go: `told_${bands[1]!.id}` });
      expect(flow.steps[`told_${bands[1]!.id}`]!.buttons[0]![0]!.go).toBe(`ask_${bands[2]!.id}`);
      expect(flow.steps[`told_${bands[3]!.id}`]!.buttons[0]![0]!.go).toBe("last");
    } finally {
      delete choiceLists.test_bands;
    }
  });

  it("names the problem: a list that does not exist, a step that is not there, a tag the items lack", () => {
    expect(() => unrollLoops(looped({ list: "nothing" }))).toThrow(LoopError);
    expect(() => unrollLoops(looped({ list: "nothing" }))).toThrow(/loops\.0\.list: no list "nothing"/);
    expect(() => unrollLoops(looped({ steps: ["ask", "gone"] }))).toThrow(/loops\.0\.steps: no step "gone"/);
    expect(() => unrollLoops(looped({}))).toThrow(/loops\.0 \(ask\): the list's items have no tag "label_key"/);
    expect(() => loadFlows({ ...flowFiles, looped: looped({ list: "nothing" }) })).toThrow(
      /flows\/looped\.json loops\.0\.list: no list "nothing"/,
    );
  });

  it("leaves a flow without loops as it is", () => {
    const plain = { id: "plain", start: "a", steps: { a: { text: "x.y", buttons: [] } } };
    expect(unrollLoops(plain)).toBe(plain);
  });

  it("gives the quiz one question step per question of the library, each a button per option", () => {
    const quiz = loadFlows().get("quiz")!;
    const questions = Object.keys(quiz.steps).filter((s) => s.startsWith("question_"));
    expect(questions).toEqual(choiceLists.quiz!.items.map((q) => `question_${q.id}`));
    for (const step of questions) expect(quiz.steps[step]!.buttons.flat().map(buttonId)).toEqual(["option_a", "option_b", "option_c"]);
  });
});

describe("lists with tags and buttons shown on a condition", () => {
  it("draws a button per topic, named by the topic, shown for its theme, carrying where «This is happening to me» leads", () => {
    const group = loadFlows().get("rights")!.steps.group!;
    const drawn = group.buttons.flat().filter((b) => b.set?.topic);
    expect(drawn).toHaveLength(choiceLists.topics!.items.length);
    const cyber = drawn.find((b) => b.set!.topic === "cyberbullying")!;
    expect(buttonId(cyber)).toBe("cyberbullying");
    expect(cyber.if).toEqual({ group: ["online"] });
    expect(cyber.set).toEqual({ topic: "cyberbullying", happening: "report" });
  });

  it("rejects a filter or carry on a tag the list's items do not have", () => {
    const flow = {
      id: "tags",
      start: "a",
      steps: { a: { text: "x.y", choices: { list: "regions", record: "region", go: "end", where: { group: "group" } } } },
    };
    expect(() => loadFlows({ ...flowFiles, tags: flow })).toThrow(/the items of "regions" have no tag "group"/);
  });

  it("rejects flow:<id>:<step> when the step is not one of that flow's entries", () => {
    const flow = { id: "entry", start: "a", steps: { a: { text: "x.y", buttons: [[{ label: "x.go", go: "flow:rights:topic_x" }]] } } };
    expect(() => loadFlows({ ...flowFiles, entry: flow })).toThrow(/flow:rights:topic_x names no entry of flow "rights"/);
    const fine = { ...flow, steps: { a: { text: "x.y", buttons: [[{ label: "x.go", go: "flow:rights:themes" }]] } } };
    expect(loadFlows({ ...flowFiles, entry: fine }).get("entry")).toBeDefined();
  });

  it("fails at load when code starts a flow at a step the flow no longer lists as an entry", () => {
    const rights = flowFiles.rights as { entries: string[] };
    const narrowed = { ...rights, entries: rights.entries.filter((e) => e !== "topic") };
    expect(() => loadFlows({ ...flowFiles, rights: narrowed })).toThrow(
      /flows\/rights\.json: code starts it at "topic" \(flowEntries\), which is not one of its "entries"/,
    );
  });
});
