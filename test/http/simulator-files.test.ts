// The simulator as Telegram: a child's photo or file arrives as a message with a file_id the bot
// can fetch; the page may show the child's own photo, never serve a file inline as a page; and a
// tap's pop-up answer (answerCallbackQuery's text) comes back for the page to show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common } from "../harness/locales.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { SIMULATOR: "on" } });
}, 180_000);
afterAll(() => h.close());

const base = "http://localhost:3000/simulator";
const post = (path: string, body: unknown) =>
  h.app.http.request(`${base}/api/chats/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3000" },
    body: JSON.stringify(body),
  });
const b64 = (bytes: number[] | string) => Buffer.from(typeof bytes === "string" ? bytes : Uint8Array.from(bytes)).toString("base64");

describe("the simulator's files", () => {
  it("delivers a photo as Telegram does, and shows it to the page as an image", async () => {
    const mark = h.api.calls.length;
    const res = await post("7100003/attach", {
      kind: "photo",
      data: b64([0xff, 0xd8, 0xff, 0xe0, 0, 1]),
      name: "IMG_0001.jpg",
      mime: "image/jpeg",
      caption: "look",
      width: 640,
      height: 480,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, webhookStatus: 200 });
    const message = h.api.messages(7100003).findLast((m) => m.from === "user")!;
    expect(message).toMatchObject({ from: "user", caption: "look", attachment: { kind: "photo", size: 6 } });
    // The bot answered the update (a photo outside a report step gets its kind fallback).
    expect(h.api.callsSince(mark).some((c) => c.method === "sendMessage" && c.payload.chat_id === 7100003)).toBe(true);
    const image = await h.app.http.request(`${base}/api/files/${message.attachment!.fileId}`);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect([...new Uint8Array(await image.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff, 0xe0, 0, 1]);
  });

  it("offers a document only as a download, under a safe name", async () => {
    expect(
      (
        await post("7100003/attach", {
          kind: "document",
          data: b64("<html><script>alert(1)</script>"),
          name: 'a"b<x>.html',
          mime: "text/html",
        })
      ).status,
    ).toBe(200);
    const file = h.api.files.list().find((f) => f.kind === "document")!;
    expect(file.filePath).toMatch(/^documents\/file_\d+\.html$/);
    const res = await h.app.http.request(`${base}/api/files/${file.fileId}`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="a_b_x_.html"');
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses what Telegram would not send: unreadable data, more than 10 MB, a file into the staff group or an unknown chat", async () => {
    const before = h.api.files.list().length;
    expect((await post("7100003/attach", { kind: "photo", data: "%%%not base64%%%" })).status).toBe(400);
    expect((await post("7100003/attach", { kind: "document", data: "A".repeat(14_000_000) })).status).toBe(400);
    expect((await post("staff/attach", { kind: "photo", data: b64([1, 2, 3]) })).status).toBe(400);
    expect((await post("42/attach", { kind: "photo", data: b64([1, 2, 3]) })).status).toBe(400);
    expect(h.api.files.list().length).toBe(before);
    expect((await h.app.http.request(`${base}/api/files/sim-photo-unknown`)).status).toBe(404);
  });
});

describe("the simulator's pop-up answers", () => {
  it("come back with the tap, for the page to show as Telegram does", async () => {
    expect((await post("7100001/send", { text: "/start" })).status).toBe(200);
    const screen = h.api
      .messages(7100001)
      .filter((m) => m.from === "bot")
      .at(-1)!;
    const res = await post("7100001/press", { messageId: screen.message_id, data: "no-such-button" });
    expect(await res.json()).toEqual({ ok: true, webhookStatus: 200, toast: { text: common.kk.errors.oldButton, alert: false } });
  });
});
