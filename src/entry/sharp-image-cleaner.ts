// The Node server's image cleaner: sharp decodes the picture and writes it anew, which keeps no
// EXIF, XMP, IPTC or ICC block (sharp drops all metadata unless asked to keep it) and nothing
// hidden after the image data. Loaded lazily, and only by the Node entry and the tests: the
// Workers bundle never sees this native module.
import exifReader from "exif-reader";
import type { CleanedImage, ImageCleaner } from "../domain/evidence/image-cleaner.js";
import type { Sniffed } from "../domain/evidence/sniff.js";

/** A picture bigger than this (about 8000 × 7500) is refused: a small file can unpack into gigabytes. */
const MAX_PIXELS = 60_000_000;
/** Decoding is CPU-heavy; a burst of views must not starve the webhook. */
const AT_ONCE = 2;

export function createSharpImageCleaner(): ImageCleaner {
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };

  return {
    clean: (bytes, format, options = {}) =>
      slot(async (): Promise<CleanedImage | undefined> => {
        const { default: sharp } = await import("sharp");
        const open = () => sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error", animated: false });
        try {
          const meta = await open().metadata();
          if (!sameFormat(meta.format, format)) return undefined;
          const out: CleanedImage["format"] =
            format === "jpeg" || format === "png" || format === "gif" || format === "webp" ? format : format === "heif" ? "jpeg" : "png";
          // rotate() with no angle applies the EXIF orientation, so the picture stays upright once the EXIF is gone.
          let image = open().rotate();
          if (options.maxSide) image = image.resize(options.maxSide, options.maxSide, { fit: "inside", withoutEnlargement: true });
          const written = await image.toFormat(out, out === "jpeg" ? { quality: 88 } : {}).toBuffer();
          // Belt and braces: what goes out must carry no metadata block at all.
          const check = await sharp(written).metadata();
          if (check.exif || check.xmp || check.iptc) return undefined;
          return {
            bytes: new Uint8Array(written),
            format: out,
            locationFound: exifHasLocation(meta.exif) || xmpHasLocation(meta.xmp),
            metadataFound: Boolean(meta.exif || meta.xmp || meta.iptc),
          };
        } catch {
          // Damaged, too large, or not decodable by this build (e.g. HEIC): nothing is shown.
          return undefined;
        }
      }),
  };
}

function sameFormat(decoded: string | undefined, sniffed: Sniffed): boolean {
  if (sniffed === "heif") return decoded === "heif";
  return decoded === sniffed;
}

function exifHasLocation(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  try {
    const gps = exifReader(exif).GPSInfo;
    return Boolean(gps && (gps.GPSLatitude !== undefined || gps.GPSLongitude !== undefined));
  } catch {
    // An EXIF block too damaged to read may still hold coordinates: assume it did.
    return true;
  }
}

function xmpHasLocation(xmp: Buffer | undefined): boolean {
  return xmp ? /GPS(Latitude|Longitude)/.test(xmp.toString("utf8")) : false;
}
