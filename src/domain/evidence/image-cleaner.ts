// The seam for removing EXIF/XMP/IPTC from images. The Node server uses sharp (a native library,
// src/entry/sharp-image-cleaner.ts); Cloudflare Workers cannot load it, so there the app has no
// cleaner and shows no image at all, rather than one that may still carry where the child was.
import type { Sniffed } from "./sniff.js";

export interface CleanedImage {
  bytes: Uint8Array;
  /** The format written out: jpeg, png, gif or webp (TIFF and HEIF become PNG or JPEG). */
  format: "jpeg" | "png" | "gif" | "webp";
  /** GPS coordinates were in the file's EXIF or XMP (and are gone now). */
  locationFound: boolean;
  /** Any EXIF, XMP or IPTC block was in the file (device, times, ...). */
  metadataFound: boolean;
}

export interface ImageCleaner {
  /**
   * Decodes the image and writes it anew with no metadata at all, upright as it was displayed;
   * `maxSide` makes a smaller copy (thumbnails). Undefined when the bytes cannot be read as an
   * image of `format` (damaged, too many pixels, a format this build cannot decode).
   */
  clean(bytes: Uint8Array, format: Sniffed, options?: { maxSide?: number }): Promise<CleanedImage | undefined>;
}
