// The chat gate saves the update's session in its finish statement. When that statement fails, the
// update is not done: it is released for Telegram's redelivery, and it fails (the webhook answers
// 500), so what the child did is handled again instead of being marked done without its session.
import { describe, expect, it } from "vitest";
import { chatGate } from "../../src/bot/middleware/chat-gate.ts";
import type { ChatGate, SessionChange } from "../../src/domain/gate/chat-gate.ts";
import type { BotContext } from "../../src/bot/context.ts";
import type { SessionHandoff } from "../../src/db/session-storage.ts";

function fakeGate(failSessionWrite: boolean) {
  const finished: { handled: boolean; session: SessionChange | undefined }[] = [];
  const gate: ChatGate = {
    admit: async () => ({ hits: 1, held: true, attempts: 1, done: undefined, prefetched: { session: '"stored"', language: "en" } }),
    finish: async (_key, _holder, _updateId, handled, session) => {
      finished.push({ handled, session });
      if (session && failSessionWrite) throw new Error("connection lost");
    },
    take: async () => true,
    release: async () => undefined,
    prune: async () => 0,
  };
  return { gate, finished };
}

function handoff() {
  const begun: (string | null | undefined)[] = [];
  const sessions: SessionHandoff = {
    begin: (_key, stored) => void begun.push(stored),
    end: () => ({ value: '"written"' }),
  };
  return { sessions, begun };
}

const noop = () => undefined;
const context = () =>
  ({
    pseudonym: "p-1",
    chat: { id: 1, type: "private" },
    update: { update_id: 7 },
    services: { logger: { warn: noop, info: noop, error: noop } },
  }) as unknown as BotContext;

describe("chat gate, the session saved with the update", () => {
  it("hands over what admit read, then saves the session in the finish that marks the update done", async () => {
    const { gate, finished } = fakeGate(false);
    const { sessions, begun } = handoff();
    const ctx = context();
    await chatGate({ gate, floodLimit: 30, holdMs: 90_000, sessions })(ctx, async () => undefined);
    expect(begun).toEqual(['"stored"']);
    expect(ctx.savedLanguage).toBe("en");
    expect(finished).toEqual([{ handled: true, session: { value: '"written"' } }]);
  });

  it("fails the update and releases it when the session cannot be saved", async () => {
    const { gate, finished } = fakeGate(true);
    const { sessions } = handoff();
    await expect(chatGate({ gate, floodLimit: 30, holdMs: 90_000, sessions })(context(), async () => undefined)).rejects.toThrow(
      "connection lost",
    );
    expect(finished).toEqual([
      { handled: true, session: { value: '"written"' } },
      { handled: false, session: undefined },
    ]);
  });
});
