// The chat gate when the database answers too late: the update goes on without it (help must
// answer), and when the late statement does take the chat's lease and the update's claim, they
// are given back at once, so the chat is not blocked for the lease's whole length.
import { describe, expect, it } from "vitest";
import { chatGate } from "../../src/bot/middleware/chat-gate.ts";
import type { Admission, ChatGate } from "../../src/domain/gate/chat-gate.ts";
import type { BotContext } from "../../src/bot/context.ts";

function slowGate(delayMs: number) {
  const finished: { key: string; updateId: bigint; handled: boolean }[] = [];
  const gate: ChatGate = {
    admit: () =>
      new Promise<Admission>((resolve) => setTimeout(() => resolve({ hits: 1, held: true, attempts: 1, done: undefined }), delayMs)),
    finish: async (key, _holder, updateId, handled) => void finished.push({ key, updateId, handled }),
    take: async () => true,
    release: async () => undefined,
    prune: async () => 0,
  };
  return { gate, finished };
}

const noop = () => undefined;
const ctx = {
  pseudonym: "p-1",
  chat: { id: 1, type: "private" },
  update: { update_id: 42 },
  services: { logger: { warn: noop, info: noop, error: noop } },
} as unknown as BotContext;

describe("chat gate, database too slow", () => {
  it("goes on without the gate, then gives back the lease and claim the late statement took", { timeout: 20_000 }, async () => {
    const { gate, finished } = slowGate(3_500);
    let ran = false;
    await chatGate({ gate, floodLimit: 30, holdMs: 90_000 })(ctx, async () => void (ran = true));
    expect(ran).toBe(true);
    await expect.poll(() => finished, { timeout: 10_000 }).toEqual([{ key: "p-1", updateId: 42n, handled: false }]);
  });
});
