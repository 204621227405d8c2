// What a file is and how it may be given to staff, without a database or a console: the sniffing
// of bytes, the rules of createEvidence, and the server without an image cleaner (Workers).
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { createEvidence } from "../../src/domain/evidence/evidence.ts";
import { sniff } from "../../src/domain/evidence/sniff.ts";
import { createTelegramFiles, type TelegramFiles } from "../../src/domain/evidence/telegram-files.ts";
import { createSharpImageCleaner } from "../../src/entry/sharp-image-cleaner.ts";

const text = (s: string) => new TextEncoder().encode(s);
/** Telegram as createEvidence sees it: one file, at one path. */
const telegram = (bytes: Uint8Array, path: string): TelegramFiles => ({ fetch: async () => ({ ok: true, bytes, path }) });

describe("sniff", () => {
  it("tells images, PDF, voice and markup apart by their bytes alone", async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect(sniff(png)).toBe("png");
    expect(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe("jpeg");
    expect(sniff(text("GIF89a...."))).toBe("gif");
    expect(sniff(text("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(sniff(text("\0\0\0\x18ftypheic\0\0\0\0"))).toBe("heif");
    expect(sniff(text("%PDF-1.7"))).toBe("pdf");
    expect(sniff(text("OggS\0\x02"))).toBe("ogg");
    expect(sniff(text("\uFEFF  <svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"))).toBe("markup");
    expect(sniff(text("just some words"))).toBe("unknown");
  });
});

describe("createEvidence", () => {
  const cleaner = createSharpImageCleaner();

  it("shows a photo inline only when its bytes are the image it claims to be", async () => {
    const png = new Uint8Array(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    // A compressed photo is always a JPEG on Telegram: a PNG under that claim is a mismatch.
    const asPhoto = await createEvidence(telegram(png, "photos/file_1.jpg"), cleaner).open({ kind: "photo", fileId: "x" });
    expect(asPhoto).toMatchObject({ ok: true, inline: false, mismatch: true, contentType: "application/octet-stream", extension: "png" });
    const asPng = await createEvidence(telegram(png, "documents/file_2.png"), cleaner).open({ kind: "document", fileId: "x" });
    expect(asPng).toMatchObject({ ok: true, inline: true, mismatch: false, contentType: "image/png" });
  });

  it("without an image cleaner (Cloudflare Workers) gives no image at all, not even as a download", async () => {
    const jpeg = new Uint8Array(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
        .jpeg()
        .toBuffer(),
    );
    const evidence = createEvidence(telegram(jpeg, "photos/file_1.jpg"), undefined);
    expect(evidence.cleansImages).toBe(false);
    expect(await evidence.open({ kind: "photo", fileId: "x" })).toEqual({ ok: false, reason: "not_cleaned" });
    // Files that are not images are still given, as downloads.
    const pdf = await createEvidence(telegram(text("%PDF-1.4 ..."), "documents/file_2.pdf"), undefined).open({
      kind: "document",
      fileId: "y",
    });
    expect(pdf).toMatchObject({ ok: true, inline: false, contentType: "application/octet-stream", extension: "pdf" });
  });

  it("refuses an image the cleaner cannot decode rather than give it with its metadata", async () => {
    const broken = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, ...text("Exif\0\0GPS broken")]);
    expect(await createEvidence(telegram(broken, "documents/file_3.jpg"), cleaner).open({ kind: "document", fileId: "z" })).toEqual({
      ok: false,
      reason: "not_cleaned",
    });
  });
});

describe("createTelegramFiles", () => {
  const api = (answers: { getFile: unknown; download?: Response }) => {
    const seen: string[] = [];
    const files = createTelegramFiles({
      apiRoot: "https://api.example/",
      token: "123:SECRET",
      maxBytes: 16,
      timeoutMs: 1000,
      fetch: async (url) => {
        seen.push(url);
        return url.includes("/getFile") ? Response.json(answers.getFile) : (answers.download ?? new Response("no", { status: 404 }));
      },
    });
    return { files, seen };
  };

  it("asks getFile, then downloads from /file/bot<token>/<path>", async () => {
    const { files, seen } = api({
      getFile: { ok: true, result: { file_path: "documents/file_1.pdf", file_size: 5 } },
      download: new Response("%PDF-"),
    });
    const got = await files.fetch("abc");
    expect(got).toMatchObject({ ok: true, path: "documents/file_1.pdf" });
    expect(new TextDecoder().decode((got as { bytes: Uint8Array }).bytes)).toBe("%PDF-");
    expect(seen).toEqual(["https://api.example/bot123:SECRET/getFile", "https://api.example/file/bot123:SECRET/documents/file_1.pdf"]);
  });

  it("reads no further than the 20 MB limit (here 16 bytes), whatever getFile said of the size", async () => {
    const { files } = api({
      getFile: { ok: true, result: { file_path: "documents/file_1.bin", file_size: 5 } },
      download: new Response("x".repeat(17)),
    });
    expect(await files.fetch("abc")).toEqual({ ok: false, reason: "too_big" });
    const declared = api({ getFile: { ok: true, result: { file_path: "documents/file_1.bin", file_size: 17 } } });
    expect(await declared.files.fetch("abc")).toEqual({ ok: false, reason: "too_big" });
    expect(declared.seen).toHaveLength(1);
  });

  it("a path that is not Telegram's usual shape is never fetched", async () => {
    const { files, seen } = api({ getFile: { ok: true, result: { file_path: "../../etc/passwd" } } });
    expect(await files.fetch("abc")).toEqual({ ok: false, reason: "unavailable" });
    expect(seen).toHaveLength(1);
  });
});
