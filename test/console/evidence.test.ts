// The files a child attached, opened in the console: fetched through the (fake) Bot API's getFile
// and /file/ download, images cleaned of EXIF before anyone sees them, everything that is not a
// true image given only as a download, each opening logged, other regions refused, and the
// staff group given a link to the console instead of a copy of the files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import exifReader from "exif-reader";
import { createHarness, type Harness, type TestUser } from "../harness/test-app.ts";
import { common, report } from "../harness/locales.ts";
import { signInFully } from "./staff-sign-in.ts";
import consoleRu from "../../locales/ru/console.json" with { type: "json" };
import staffEn from "../../locales/en/staff.json" with { type: "json" };
import staffRu from "../../locales/ru/staff.json" with { type: "json" };
import type { StoredFile } from "../../src/simulator/fake-files.ts";

const STAFF_GROUP = -100_777_000_1;
const PASSWORD = "correct horse battery 42";
const PUBLIC_URL = "http://localhost";
/** Almaty, in degrees, minutes, seconds: where the "phone" took the picture. */
const GPS = { GPSLatitudeRef: "N", GPSLatitude: "43/1 15/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "76/1 57/1 0/1" };
const HTML = "<!doctype html><html><body><script>fetch('/console/staff')</script>pwned</body></html>";
const PDF =
  "%PDF-1.4\n1 0 obj <</Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

let h: Harness;
let number: number;
let gpsJpeg: Buffer;
let pdf: Uint8Array;
let files: StoredFile[];

/** A report with files, sent as a child would at the files step (the real flow, through the webhook). */
async function reportWithFiles(h: Harness, child: TestUser, attach: { file: StoredFile; caption?: string }[]): Promise<number> {
  const r = report.en;
  await child.send("/menu");
  await child.press(common.en.menu.report);
  await child.press(r.start);
  await child.press(r.safe_yes);
  await child.press(r.cat_online);
  await child.press(r.who_child);
  await child.press(r.place_online);
  await child.press(r.ongoing_yes);
  await child.press(r.regions.almaty);
  await child.press(r.age_13_15);
  await child.press(r.skip);
  await child.send("He sends me these and says he will post them");
  for (const a of attach) await child.deliver(h.updates.file(child.profile, a.file, { caption: a.caption }));
  await child.press(r.evidence_done);
  await child.press(r.contact_yes);
  await child.press(r.send);
  return (await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } })).number;
}

const image = (width: number, height: number, colour: string) => sharp({ create: { width, height, channels: 3, background: colour } });

beforeAll(async () => {
  h = await createHarness({ env: { STAFF_CHAT_ID: String(STAFF_GROUP), PUBLIC_URL } });
  await h.app.accounts.create({ email: "op.almaty@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["almaty"] });
  await h.app.accounts.create({ email: "op.astana@ombudsman.kz", password: PASSWORD, role: "OPERATOR", regions: ["astana"] });
  gpsJpeg = await image(640, 480, "#c33")
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneMaker", Model: "Phone 12" }, IFD3: GPS })
    .toBuffer();
  // Sanity: the picture the child sends really carries coordinates.
  expect(exifReader((await sharp(gpsJpeg).metadata()).exif!).GPSInfo).toMatchObject({ GPSLatitude: [43, 15, 0] });
  const png = await image(300, 200, "#3c3").png().withExif({ IFD3: GPS }).toBuffer();
  pdf = new TextEncoder().encode(PDF);
  const photo = await image(1280, 960, "#33c").jpeg().toBuffer();
  files = [
    h.api.files.add(new Uint8Array(gpsJpeg), { kind: "document", name: "IMG_0412.jpg", mime: "image/jpeg" }),
    h.api.files.add(new Uint8Array(png), { kind: "document", name: "Screenshot.png", mime: "image/png" }),
    h.api.files.add(pdf, { kind: "document", name: "chat.pdf", mime: "application/pdf" }),
    h.api.files.add(new TextEncoder().encode(HTML), { kind: "document", name: "cute.jpg", mime: "image/jpeg" }),
    h.api.files.add(new Uint8Array(photo), { kind: "photo" }),
  ];
  const child = h.user({ id: 5_300_001, language_code: "en" });
  number = await reportWithFiles(
    h,
    child,
    files.map((file, i) => ({ file, ...(i === 0 ? { caption: "his messages" } : {}) })),
  );
});
afterAll(() => h.close());

const almaty = () => signInFully(h, "op.almaty@ombudsman.kz", PASSWORD);
const raw = (i: number, thumb = false) => `/console/reports/${number}/files/${i}/raw${thumb ? "?thumb=1" : ""}`;
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const viewsOf = (actor: string) => h.db.auditEntry.findMany({ where: { actor, action: "case.file_view" }, orderBy: { at: "asc" } });

describe("the case page", () => {
  it("lists the files with their kinds and captions, a thumbnail for the photo, and never a token or Telegram path", async () => {
    const c = await almaty();
    const page = await c.get(`/console/reports/${number}`);
    expect(page.status).toBe(200);
    const html = c.lastHtml;
    for (let i = 1; i <= 5; i++) expect(html).toContain(`href="/console/reports/${number}/files/${i}"`);
    expect(html).toContain("his messages");
    expect(html).toContain(`src="/console/reports/${number}/files/5/raw?thumb=1"`);
    // Only the photo gets a thumbnail: the documents' types are known only once fetched.
    expect(html.match(/raw\?thumb=1/g)).toHaveLength(1);
    expect(html).not.toMatch(/file\/bot|bot\d+:|documents\/file_|photos\/file_|sim-document-/);
  });

  it("serves a thumbnail of the photo: a smaller, cleaned JPEG", async () => {
    const c = await almaty();
    const res = await c.get(raw(5, true));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(await bytesOf(res)).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
    // A document that is not an image has no thumbnail.
    expect((await c.get(raw(3, true))).status).toBe(404);
  });
});

describe("opening each file", () => {
  it("shows the JPEG inline with its GPS coordinates and device removed, and says so", async () => {
    const c = await almaty();
    const res = await c.get(raw(1));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="case-${number}-file-1.jpg"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    const served = await bytesOf(res);
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([640, 480]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    // No APP1 (EXIF/XMP) segment at all, and none of the camera's words survive in the bytes.
    expect(served.includes(Buffer.from([0xff, 0xe1]))).toBe(false);
    expect(served.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(served.equals(gpsJpeg)).toBe(false);

    const page = await c.get(`/console/reports/${number}/files/1`);
    expect(page.status).toBe(200);
    expect(c.lastHtml).toContain(consoleRu.evidence_location_removed);
    expect(c.lastHtml).toContain(`<img src="/console/reports/${number}/files/1/raw"`);
  });

  it("shows the PNG inline, cleaned of its EXIF too", async () => {
    const c = await almaty();
    const res = await c.get(raw(2));
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
    const meta = await sharp(await bytesOf(res)).metadata();
    expect(meta.format).toBe("png");
    expect(meta.exif).toBeUndefined();
  });

  it("gives the PDF only as a download, never as a PDF the browser would render", async () => {
    const c = await almaty();
    const res = await c.get(raw(3));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="case-${number}-file-3.pdf"`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    await c.get(`/console/reports/${number}/files/3`);
    expect(c.lastHtml).toContain(consoleRu.evidence_download_only);
    expect(c.lastHtml).toContain(consoleRu.evidence_as_sent);
    expect(c.lastHtml).not.toContain("<img src");
  });

  it("refuses to render HTML disguised as a .jpg: a download of unknown type, named .bin, and the page warns", async () => {
    const c = await almaty();
    const res = await c.get(raw(4));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="case-${number}-file-4.bin"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe(HTML);
    expect((await c.get(raw(4, true))).status).toBe(404);
    await c.get(`/console/reports/${number}/files/4`);
    expect(c.lastHtml).toContain(consoleRu.evidence_mismatch);
    expect(c.lastHtml).not.toContain("pwned");
  });

  it("logs every file given out: who, which case, which file, how", async () => {
    const c = await almaty();
    const me = (await h.db.staffAccount.findUniqueOrThrow({ where: { email: "op.almaty@ombudsman.kz" } })).id;
    const before = (await viewsOf(me)).length;
    await c.get(raw(1));
    await c.get(raw(3));
    await c.get(raw(5, true));
    const views = (await viewsOf(me)).slice(before);
    expect(views.map((v) => [v.target, v.detail])).toEqual([
      [String(number), { file: 1, kind: "document", served: "inline", mismatch: false, location_removed: true }],
      [String(number), { file: 3, kind: "document", served: "download", mismatch: false, location_removed: false }],
      [String(number), { file: 5, kind: "photo", served: "thumbnail", mismatch: false, location_removed: false }],
    ]);
  });

  it("refuses an operator of another region (403), logs the refusal, and fetches nothing", async () => {
    const c = await signInFully(h, "op.astana@ombudsman.kz", PASSWORD);
    const other = (await h.db.staffAccount.findUniqueOrThrow({ where: { email: "op.astana@ombudsman.kz" } })).id;
    const mark = h.api.calls.length;
    expect((await c.get(raw(1))).status).toBe(403);
    expect((await c.get(`/console/reports/${number}/files/1`)).status).toBe(403);
    expect((await c.get(raw(5, true))).status).toBe(403);
    expect(h.api.callsSince(mark).filter((x) => x.method === "getFile")).toEqual([]);
    expect(await viewsOf(other)).toEqual([]);
    expect(await h.db.auditEntry.count({ where: { actor: other, action: "case.denied", target: String(number) } })).toBe(3);
  });

  it("answers 404 for a file the case does not have", async () => {
    const c = await almaty();
    expect((await c.get(`/console/reports/${number}/files/6/raw`)).status).toBe(404);
    expect((await c.get(`/console/reports/${number}/files/0`)).status).toBe(404);
  });
});

describe("files Telegram will not give", () => {
  it("says kindly when a file is over Telegram's 20 MB limit, is gone, or Telegram is not answering", async () => {
    const c = await almaty();
    h.api.failNext("getFile", { error_code: 400, description: "Bad Request: file is too big" });
    await c.get(`/console/reports/${number}/files/1`);
    expect(c.lastHtml).toContain(consoleRu.evidence_too_big);
    h.api.failNext("getFile", { error_code: 400, description: "Bad Request: file is too big" });
    expect((await c.get(raw(1))).status).toBe(413);

    h.api.failNext("getFile", { error_code: 400, description: "Bad Request: wrong file_id or the file is temporarily unavailable" });
    await c.get(`/console/reports/${number}/files/2`);
    expect(c.lastHtml).toContain(consoleRu.evidence_gone);
    h.api.failNext("getFile", { error_code: 400, description: "Bad Request: invalid file_id" });
    const gone = await c.get(raw(2));
    expect(gone.status).toBe(410);
    expect(await gone.text()).toBe(consoleRu.evidence_gone);

    h.api.failNext("getFile", { error_code: 502, description: "Bad Gateway" });
    await c.get(`/console/reports/${number}/files/3`);
    expect(c.lastHtml).toContain(consoleRu.evidence_unavailable);
    h.api.failNext("getFile", { reset: true });
    expect((await c.get(raw(3))).status).toBe(503);
    // The refusals are logged like any other opening.
    expect(
      await h.db.auditEntry.count({
        where: { action: "case.file_view", target: String(number), detail: { path: ["served"], equals: "refused_gone" } },
      }),
    ).toBe(1);
  });
});

describe("the staff group", () => {
  it("gets no copy of the files, only a button that opens the case in the console", async () => {
    expect(
      h.api.calls.filter((c) => /^(send(Photo|Document|Video|Voice|MediaGroup)|copyMessages?|forwardMessages?)$/.test(c.method)),
    ).toEqual([]);
    const { staffMessageId } = await h.db.report.findUniqueOrThrow({ where: { number } });
    const post = h.api.messages(STAFF_GROUP).find((m) => m.message_id === staffMessageId)!;
    // The default posting level (STAFF_GROUP_DETAIL=summary), in the default staff language.
    expect(post.reply_markup?.inline_keyboard.flat()).toContainEqual({
      text: staffRu.show_text,
      url: `${PUBLIC_URL}/console/reports/${number}`,
    });
  });

  it("in full mode too: the post says how many files, and the button opens them in the console", async () => {
    const full = await createHarness({
      env: { STAFF_CHAT_ID: String(STAFF_GROUP), PUBLIC_URL, STAFF_GROUP_DETAIL: "full", STAFF_LANGUAGE: "en" },
    });
    try {
      const file = full.api.files.add(new Uint8Array(gpsJpeg), { kind: "document", name: "IMG_0412.jpg", mime: "image/jpeg" });
      const n = await reportWithFiles(full, full.user({ id: 5_300_002, language_code: "en" }), [{ file }]);
      expect(full.api.calls.filter((c) => /^(send(Photo|Document|MediaGroup)|copyMessages?|forwardMessages?)$/.test(c.method))).toEqual([]);
      const post = full.api.messages(STAFF_GROUP).find((m) => m.text?.includes("He sends me these"))!;
      expect(post.text).toContain(`${staffEn.label_files}:</b> 1`);
      expect(post.reply_markup?.inline_keyboard.flat()).toContainEqual({
        text: staffEn.open_case,
        url: `${PUBLIC_URL}/console/reports/${n}`,
      });
    } finally {
      await full.close();
    }
  });
});

describe("retention", () => {
  it("removes the sealed file ids with the rest of the content: the files can no longer be fetched", async () => {
    const c = await almaty();
    expect((await c.post(`/console/reports/${number}/status`, { status: "CLOSED", note: "Referred and resolved" })).status).toBe(302);
    expect(await h.app.retention(new Date(Date.now() + 91 * 24 * 3600 * 1000))).toBe(1);
    const stored = await h.db.report.findUniqueOrThrow({ where: { number } });
    expect(stored.contentSealed).toBe("");
    // Nothing else in the database keeps a file id (they only ever lived inside the sealed content).
    const everything = JSON.stringify([
      await h.db.reportEvent.findMany(),
      await h.db.auditEntry.findMany(),
      await h.db.outboxMessage.findMany(),
    ]);
    for (const f of files) expect(everything).not.toContain(f.fileId);
    const fresh = await almaty();
    const mark = h.api.calls.length;
    expect((await fresh.get(raw(1))).status).toBe(410);
    expect(fresh.lastHtml).toContain(consoleRu.content_deleted);
    expect(h.api.callsSince(mark).filter((x) => x.method === "getFile")).toEqual([]);
  });
});
