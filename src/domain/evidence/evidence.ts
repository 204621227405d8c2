// What a staff member may receive of one file a child sent: a cleaned image to show, a download,
// or a plain reason why not. The rules, in order:
// - the bytes decide what a file is (sniff), never its name or the type its sender claimed;
// - every image is decoded and written anew without EXIF/XMP/IPTC before anyone gets it, shown
//   or downloaded; with no cleaner (Workers) images are not given at all;
// - only a cleaned JPEG, PNG, GIF or WebP that is what it claimed to be is shown inline;
//   a file whose content does not match its claimed type, and everything that is not an image,
//   is a download of type application/octet-stream (never HTML, SVG or PDF in the browser).
import type { Attachment } from "../reports/reports.js";
import type { ImageCleaner } from "./image-cleaner.js";
import { claimedImage, downloadExtension, IMAGE_FORMATS, INLINE_FORMATS, MIME, sniff, type Sniffed } from "./sniff.js";
import type { TelegramFiles } from "./telegram-files.js";

export type EvidenceFile =
  | {
      ok: true;
      bytes: Uint8Array;
      /** Shown in the browser (a cleaned image), or given only as a download. */
      inline: boolean;
      contentType: string;
      extension: string;
      format: Sniffed;
      /** The content is not what its kind or name claimed. */
      mismatch: boolean;
      /** Metadata was found and removed; location data among it. */
      metadataRemoved: boolean;
      locationRemoved: boolean;
    }
  /** not_cleaned: an image this server cannot clean (no cleaner, or one it cannot decode): not given. */
  | { ok: false; reason: "too_big" | "gone" | "unavailable" | "not_cleaned" };

export interface Evidence {
  /** Whether images can be cleaned here (false on Workers): the case page says so. */
  readonly cleansImages: boolean;
  open(attachment: Attachment, options?: { thumbnail?: boolean }): Promise<EvidenceFile>;
}

const THUMBNAIL_SIDE = 320;

export function createEvidence(files: TelegramFiles, cleaner: ImageCleaner | undefined): Evidence {
  return {
    cleansImages: cleaner !== undefined,
    async open(attachment, options = {}) {
      const fetched = await files.fetch(attachment.fileId);
      if (!fetched.ok) return fetched;
      const format = sniff(fetched.bytes);
      const claimed = claimedImage(attachment.kind, fetched.path);
      if (!IMAGE_FORMATS.includes(format)) {
        // Not an image: given as it was sent, as a download only.
        return {
          ok: true,
          bytes: fetched.bytes,
          inline: false,
          contentType: "application/octet-stream",
          extension: downloadExtension(format),
          format,
          mismatch: claimed !== undefined,
          metadataRemoved: false,
          locationRemoved: false,
        };
      }
      const cleaned = cleaner
        ? await cleaner.clean(fetched.bytes, format, options.thumbnail ? { maxSide: THUMBNAIL_SIDE } : {})
        : undefined;
      if (!cleaned) return { ok: false, reason: "not_cleaned" };
      const mismatch = claimed !== format;
      const inline = !mismatch && INLINE_FORMATS.includes(format);
      return {
        ok: true,
        bytes: cleaned.bytes,
        inline,
        contentType: inline ? MIME[cleaned.format]! : "application/octet-stream",
        extension: downloadExtension(cleaned.format),
        format,
        mismatch,
        metadataRemoved: cleaned.metadataFound,
        locationRemoved: cleaned.locationFound,
      };
    },
  };
}
