// The files a child attached: the list on the case page (thumbnails of photos) and a file's own
// page, with what was removed from it or why it cannot be opened.
import type { Translate } from "../../i18n/i18n.js";
import type { Attachment } from "../../domain/reports/reports.js";
import type { EvidenceFile } from "../../domain/evidence/evidence.js";
import { IMAGE_FORMATS } from "../../domain/evidence/sniff.js";

const fileUrl = (number: number, index: number) => `/console/reports/${number}/files/${index}`;

/** On the case page: each file with its caption, a thumbnail for photos, a link to its page. */
export function EvidenceList({
  t,
  number,
  attachments,
  cleansImages,
}: {
  t: Translate;
  number: number;
  attachments: Attachment[];
  cleansImages: boolean;
}) {
  if (attachments.length === 0) return <></>;
  return (
    <div id="evidence">
      <h3>{t("console:evidence_title")}</h3>
      <ol>
        {attachments.map((a, i) => (
          <li>
            {a.kind === "photo" && cleansImages && (
              <a href={fileUrl(number, i + 1)}>
                <img
                  src={`${fileUrl(number, i + 1)}/raw?thumb=1`}
                  alt={t("console:evidence_thumb_alt", { index: i + 1 })}
                  loading="lazy"
                  style="max-width:160px;max-height:160px;display:block;border:1px solid #e3e6ea"
                />
              </a>
            )}
            <a href={fileUrl(number, i + 1)}>{t(`console:evidence_kind_${a.kind}`)}</a>
            {a.caption ? ` — “${a.caption}”` : ""}
            {a.kind === "voice" && <span class="muted"> · {t("console:evidence_voice")}</span>}
          </li>
        ))}
      </ol>
      <p class="muted">{t("console:evidence_logged")}</p>
    </div>
  );
}

export interface EvidencePageProps {
  t: Translate;
  number: number;
  index: number;
  total: number;
  attachment: Attachment;
  file: EvidenceFile;
}

/** A file's page: the cleaned image, or a download, or why neither. */
export function EvidencePage({ t, number, index, total, attachment, file }: EvidencePageProps) {
  const raw = `${fileUrl(number, index)}/raw`;
  return (
    <>
      <p>
        <a href={`/console/reports/${number}`}>{t("console:evidence_back", { number })}</a>
      </p>
      <h1>
        {t("console:evidence_file", { index, total })} · {t(`console:evidence_kind_${attachment.kind}`)}
      </h1>
      {attachment.caption && <blockquote>{attachment.caption}</blockquote>}
      {attachment.kind === "voice" && <p class="error">{t("console:evidence_voice")}</p>}
      {!file.ok ? (
        <p class={file.reason === "unavailable" ? "muted" : "error"} role="status">
          {t(`console:evidence_${file.reason}`)}
        </p>
      ) : (
        <>
          {file.locationRemoved && (
            <p class="ok" role="status" id="location-removed">
              {t("console:evidence_location_removed")}
            </p>
          )}
          {!file.locationRemoved && file.metadataRemoved && <p class="ok">{t("console:evidence_metadata_removed")}</p>}
          {file.inline ? (
            <p>
              <img
                src={raw}
                alt={t(`console:evidence_kind_${attachment.kind}`)}
                style="max-width:100%;height:auto;border:1px solid #e3e6ea"
              />
            </p>
          ) : (
            <>
              <p class="error">{t(file.mismatch ? "console:evidence_mismatch" : "console:evidence_download_only")}</p>
              {!IMAGE_FORMATS.includes(file.format) && <p class="muted">{t("console:evidence_as_sent")}</p>}
              <p>
                <a href={raw} download>
                  {t("console:evidence_download")}
                </a>
              </p>
            </>
          )}
        </>
      )}
      <p class="muted">{t("console:evidence_logged")}</p>
    </>
  );
}
