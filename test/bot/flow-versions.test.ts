// Flows change while children are in them: a deploy renames a step, removes a choice or reorders
// buttons, and a child comes back to a draft saved days before, or taps a button of a message
// sent by the old version. Each test "deploys" changed flow files (a new app on the same
// database and the same Telegram, built with a modified flow map) and goes on through the webhook.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, TEST_APP_SECRET, type Harness, type TestUser } from "../harness/test-app.ts";
import { common, report } from "../harness/locales.ts";
import { createSessionStorage } from "../../src/db/session-storage.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { createPseudonymizer } from "../../src/domain/privacy/pseudonym.ts";
import type { SessionData } from "../../src/bot/context.ts";
import { choiceLists } from "../../src/domain/choices.ts";
import type { RecordedCall } from "../../src/simulator/fake-bot-api.ts";
import type * as Registry from "../../src/flows/registry.ts";
import reportFlow from "../../flows/report.json" with { type: "json" };
import languageFlow from "../../flows/language.json" with { type: "json" };

// The flow files the next app is built with, on top of the real ones (the seam: the app loads
// its flows through loadFlows() when it is created, like a deploy).
const deployed = vi.hoisted(() => ({ files: {} as Record<string, unknown> }));
vi.mock("../../src/flows/registry.ts", async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  return { ...real, loadFlows: (files: Record<string, unknown> = real.flowFiles) => real.loadFlows({ ...files, ...deployed.files }) };
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(() => {
  deployed.files = {};
});
afterAll(() => h.close());

let nextId = 7_700_000;
const t = common.en;
const r = report.en;
const changedNote = `${t.errors.flowChanged}\n\n`;

/** A new server with these flow files (same database, same Telegram). */
function deploy(files: Record<string, unknown>): Harness {
  deployed.files = files;
  return h.restart();
}

type FlowJson = typeof reportFlow;
const edit = <T>(flow: T, change: (copy: T) => void): T => {
  const copy = structuredClone(flow);
  change(copy);
  return copy;
};

/** The report flow with the step `ongoing` renamed `still_happening` (what leads to it follows). */
const ongoingRenamed = edit(reportFlow as FlowJson, (f) => {
  const steps = f.steps as Record<string, unknown>;
  steps.still_happening = steps.ongoing;
  delete steps.ongoing;
  for (const row of f.steps.place.buttons) for (const b of row) b.go = "still_happening";
});

const sealer = createSealer(TEST_APP_SECRET);
const pseudonyms = createPseudonymizer(TEST_APP_SECRET);
const sessionKey = (child: TestUser) => pseudonyms.forUser(child.profile.id);
/** The child's session as the bot stored it (sealed in the database, read with the app's storage). */
async function sessionOf(child: TestUser): Promise<SessionData> {
  return (await createSessionStorage<SessionData>(h.db, sealer).read(await sessionKey(child)))!;
}
async function writeSession(child: TestUser, data: SessionData): Promise<void> {
  await createSessionStorage<SessionData>(h.db, sealer).write(await sessionKey(child), data);
}

const toast = (calls: RecordedCall[]) => calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
const errorsLogged = () => h.logs.filter((line) => JSON.parse(line).level >= 50);

/** Opens a report in English and answers up to the step `ongoing`. */
async function reportUpToOngoing(child: TestUser): Promise<void> {
  await child.send("/menu");
  await child.press(t.menu.report);
  await child.press(r.start);
  await child.press(r.safe_yes);
  await child.press(r.cat_bullying);
  await child.press(r.who_child);
  await child.press(r.place_school);
  expect(child.lastBotMessage().text).toBe(r.ongoing);
}

describe("a saved report that no longer fits the flow", () => {
  it("a draft set aside at a step that was renamed restarts the report kindly, with the child's words kept", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await reportUpToOngoing(child);
    // Words typed where a button was expected are kept in the report.
    await child.send("They take my lunch every day");
    expect((await sessionOf(child)).flow!.answers.words).toBe("They take my lunch every day");
    // The child looks at something else: the report is set aside as a draft (kept up to 7 days).
    await child.send("/menu");
    expect((await sessionOf(child)).drafts?.report?.step).toBe("ongoing");

    const after = deploy({ report: ongoingRenamed }).user(child.profile);
    const logged = errorsLogged().length;
    await after.press(t.menu.report);
    expect(after.lastBotMessage().text).toBe(changedNote + r.intro);
    const state = (await sessionOf(child)).flow!;
    expect(state).toMatchObject({ id: "report", step: "intro", history: [], answers: { words: "They take my lunch every day" } });
    expect(state.version).toMatch(/^[0-9a-f]{16}$/);

    // It goes on normally from there (no second note, no loop), through the renamed step.
    await after.press(r.start);
    expect(after.lastBotMessage().text).toBe(r.safe);
    await after.press(r.safe_yes);
    await after.press(r.cat_bullying);
    await after.press(r.who_child);
    await after.press(r.place_school);
    expect(after.lastBotMessage().text).toBe(r.ongoing);
    await after.press(r.ongoing_yes);
    expect(after.lastBotMessage().text).toBe(r.region);
    expect((await sessionOf(child)).flow!.history).toContain("still_happening");
    expect(errorsLogged().length).toBe(logged);
  });

  it("a report open at a step that was removed restarts on the next tap, and the tap records nothing", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await reportUpToOngoing(child);
    const after = deploy({ report: ongoingRenamed }).user(child.profile);
    // The old message still shows "Is it still happening?": the child taps Yes.
    const calls = await after.press(r.ongoing_yes);
    expect(toast(calls)).toBeUndefined();
    expect(after.lastBotMessage().text).toBe(changedNote + r.intro);
    const state = (await sessionOf(child)).flow!;
    expect(state.step).toBe("intro");
    expect(state.answers).toEqual({});
    // Typed words after that are kept as usual, without another note.
    await after.send("still there");
    expect(after.lastBotMessage().text).toBe(r.intro);
    expect((await sessionOf(child)).flow!.answers.words).toBe("still there");
  });

  it("words typed at a step that was removed are kept, and the report restarts kindly", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await reportUpToOngoing(child);
    const after = deploy({ report: ongoingRenamed }).user(child.profile);
    await after.send("He pushes me");
    expect(after.lastBotMessage().text).toBe(changedNote + r.intro);
    expect((await sessionOf(child)).flow).toMatchObject({ step: "intro", answers: { words: "He pushes me" } });
  });

  it("an answer that names a choice the flow no longer offers restarts the report", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    await child.press(t.menu.report);
    await child.press(r.start);
    await child.press(r.safe_yes);
    await child.press(r.cat_bullying);
    expect(child.lastBotMessage().text).toBe(r.involved);
    // The "bullying" category is gone (split, renamed…): the saved answer means nothing now.
    const noBullying = edit(reportFlow as FlowJson, (f) => {
      const { text, choices } = f.steps.category;
      const others = choiceLists[choices.list]!.items.filter((item) => item.id !== "bullying");
      (f.steps as Record<string, unknown>).category = {
        text,
        buttons: others.map((item) => [{ label: item.label, go: choices.go, set: { category: item.id } }]),
      };
    });
    const after = deploy({ report: noBullying }).user(child.profile);
    await after.press(r.who_child);
    expect(after.lastBotMessage().text).toBe(changedNote + r.intro);
    expect((await sessionOf(child)).flow).toMatchObject({ step: "intro", answers: {} });
  });

  it("a change that still fits goes on as before: same step, same answers, no note, Back works", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    await child.press(t.menu.report);
    await child.press(r.start);
    await child.press(r.safe_yes);
    await child.press(r.cat_bullying);
    const before = (await sessionOf(child)).flow!;
    const reordered = edit(reportFlow as FlowJson, (f) => {
      f.steps.category.choices.perRow = 2;
      f.steps.involved.buttons.reverse();
    });
    const after = deploy({ report: reordered }).user(child.profile);
    await after.press(r.who_child);
    expect(after.lastBotMessage().text).toBe(r.place);
    const state = (await sessionOf(child)).flow!;
    expect(state.version).not.toBe(before.version);
    expect(state.answers).toEqual({ safe: "yes", category: "bullying", involved: "child" });
    await after.press(t.nav.back);
    expect(after.lastBotMessage().text).toBe(r.involved);
    expect(after.buttons()[0]).toBe(r.who_unsaid);
  });
});

describe("sessions written by the release before versions", () => {
  it("a state without a version that still fits goes on where the child was", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await reportUpToOngoing(child);
    const session = await sessionOf(child);
    delete session.flow!.version;
    await writeSession(child, session);
    const calls = await child.press(r.ongoing_no);
    expect(toast(calls)).toBeUndefined();
    expect(child.lastBotMessage().text).toBe(r.region);
    expect((await sessionOf(child)).flow).toMatchObject({
      step: "region",
      answers: { ongoing: "no" },
      version: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it("a draft pointing at a step that does not exist restarts kindly, every time it is opened, never failing", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    const startedAt = Date.now() - 3 * 24 * 3600 * 1000;
    await writeSession(child, {
      ...(await sessionOf(child)),
      drafts: {
        report: {
          id: "report",
          step: "old_step",
          answers: { words: "my words", category: "bullying" },
          history: ["intro", "gone"],
          startedAt,
        },
      },
    });
    const logged = errorsLogged().length;
    await child.press(t.menu.report);
    expect(child.lastBotMessage().text).toBe(changedNote + r.intro);
    const state = (await sessionOf(child)).flow!;
    // The child's words stay, and so does the time they were first saved (they still expire on time).
    expect(state).toMatchObject({ step: "intro", answers: { words: "my words" }, history: [], startedAt });
    await child.press(r.start);
    expect(child.lastBotMessage().text).toBe(r.safe);
    expect(errorsLogged().length).toBe(logged);
  });
});

describe("old buttons", () => {
  it("old positional callback data (from before button ids) is an old button, never an answer", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/menu");
    await child.press(t.menu.report);
    await child.press(r.start);
    const message = child.lastBotMessage();
    expect(message.text).toBe(r.safe);
    // `…:1` was "I am not safe" (an urgent alert) in the old format.
    const calls = await child.pressData(message.message_id, "f:report:safe:1");
    expect(toast(calls)).toBe(t.errors.oldButton);
    expect(child.lastBotMessage().text).toBe(r.safe);
    expect((await sessionOf(child)).flow).toMatchObject({ step: "safe", answers: {} });
    // A button id that no longer exists is an old button too.
    expect(toast(await child.pressData(message.message_id, "f:report:safe:safe_maybe"))).toBe(t.errors.oldButton);
    expect((await sessionOf(child)).flow).toMatchObject({ step: "safe", answers: {} });
    // The real button still works.
    await child.press(r.safe_yes);
    expect(child.lastBotMessage().text).toBe(r.category);
  });

  it("buttons carry ids, not positions: reordering a step's buttons does not change what a button records", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await child.send("/language");
    const message = child.lastBotMessage();
    const kazakh = message.reply_markup!.inline_keyboard.flat().find((b) => b.text === t.language.kk)!;
    expect("callback_data" in kazakh && kazakh.callback_data).toBe("1f:language:choose:kk");

    // The new version lists English first: at Kazakh's old position there is now English.
    const reversed = edit(languageFlow, (f) => f.steps.choose.buttons.reverse());
    expect(reversed.steps.choose.buttons[0]![0]!.set.language).toBe("en");
    const after = deploy({ language: reversed }).user(child.profile);
    // The child taps Kazakh on a message sent before the deploy, and before the version byte.
    const calls = await after.pressData(message.message_id, "f:language:choose:kk");
    expect(toast(calls)).toBeUndefined();
    expect(after.lastBotMessage().text).toBe(common.kk.menu.main);
    expect((await sessionOf(child)).flow).toMatchObject({ id: "menu" });
  });
});
