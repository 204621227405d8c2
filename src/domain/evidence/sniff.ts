// What a file really is, from its first bytes, never from the name or the type its sender
// claimed: only bytes that are truly an image may ever be shown in a staff member's browser.

export type Sniffed = "jpeg" | "png" | "gif" | "webp" | "tiff" | "heif" | "pdf" | "ogg" | "mp4" | "zip" | "markup" | "unknown";

/** Formats that are pictures and may carry EXIF/XMP/IPTC: always cleaned before anyone sees them. */
export const IMAGE_FORMATS: readonly Sniffed[] = ["jpeg", "png", "gif", "webp", "tiff", "heif"];
/** Formats a browser may show inline, once cleaned (no scripts can live in them). */
export const INLINE_FORMATS: readonly Sniffed[] = ["jpeg", "png", "gif", "webp"];

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function sniff(bytes: Uint8Array): Sniffed {
  if (starts(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    return ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis"].includes(brand) ? "heif" : "mp4";
  }
  if (ascii(bytes, 0, 5) === "%PDF-") return "pdf";
  if (ascii(bytes, 0, 4) === "OggS") return "ogg";
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  // HTML, SVG or XML, possibly after a byte-order mark and spaces: active content in a browser.
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("<")) return "markup";
  return "unknown";
}

/** The image format a file claims to be, from its kind and the extension of its Telegram path. */
export function claimedImage(kind: string, filePath: string): Sniffed | undefined {
  // Telegram re-encodes every compressed photo as JPEG.
  if (kind === "photo") return "jpeg";
  const ext = /\.([a-z0-9]{1,5})$/i.exec(filePath)?.[1]?.toLowerCase();
  const byExt: Record<string, Sniffed> = {
    jpg: "jpeg",
    jpeg: "jpeg",
    jfif: "jpeg",
    png: "png",
    gif: "gif",
    webp: "webp",
    tif: "tiff",
    tiff: "tiff",
    heic: "heif",
    heif: "heif",
    avif: "heif",
  };
  return ext ? byExt[ext] : undefined;
}

/** A safe extension for a download's name (never .html or .svg: a saved page could run scripts). */
export function downloadExtension(format: Sniffed): string {
  const ext: Partial<Record<Sniffed, string>> = {
    jpeg: "jpg",
    png: "png",
    gif: "gif",
    webp: "webp",
    pdf: "pdf",
    ogg: "ogg",
    mp4: "mp4",
    zip: "zip",
  };
  return ext[format] ?? "bin";
}

export const MIME: Partial<Record<Sniffed, string>> = { jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp" };
