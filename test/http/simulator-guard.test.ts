// The simulator has no sign-in: its posts are accepted only from its own page (same origin, JSON).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { SIMULATOR: "on" } });
});
afterAll(() => h.close());

const post = (headers: Record<string, string>, body = JSON.stringify({ text: "/start" })) =>
  h.app.http.request("http://localhost:3000/simulator/api/chats/7100001/send", { method: "POST", headers, body });

describe("simulator posts", () => {
  it("are refused from another site, or as a form a page elsewhere could submit", async () => {
    const mark = h.api.calls.length;
    expect((await post({ "content-type": "application/json", origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "content-type": "application/json" })).status).toBe(403);
    expect((await post({ "content-type": "text/plain", origin: "http://localhost:3000" })).status).toBe(403);
    expect(h.api.callsSince(mark)).toEqual([]);
  });

  it("are accepted from the simulator page itself", async () => {
    const res = await post({ "content-type": "application/json", origin: "http://localhost:3000" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, webhookStatus: 200 });
  });
});
