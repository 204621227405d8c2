// What the second-factor setup shows: a QR code to scan, the key in groups of four to type, and
// the otpauth link for a phone that opens it directly. The QR code is an SVG built here from uqr's
// module matrix (no image request, no inline script or raw markup: the CSP stays strict).
import { encode } from "uqr";
import type { Translate } from "../../i18n/i18n.js";

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP". */
export const groupKey = (secret: string) => secret.replace(/\s/g, "").replace(/(.{4})(?=.)/g, "$1 ");

/** One path of 1×1 squares, row by row; a white quiet zone of 4 modules, as scanners expect. */
export function QrSvg({ text, label }: { text: string; label: string }) {
  const { data, size } = encode(text, { ecc: "M", border: 0 });
  const quiet = 4;
  const squares: string[] = [];
  data.forEach((row, y) => row.forEach((dark, x) => (dark ? squares.push(`M${x + quiet} ${y + quiet}h1v1h-1z`) : undefined)));
  const d = squares.join("");
  const full = size + 2 * quiet;
  return (
    <svg
      id="totp-qr"
      class="qr"
      viewBox={`0 0 ${full} ${full}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={full} height={full} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export function TotpSetupHelp({ t, secret, uri }: { t: Translate; secret: string; uri: string }) {
  return (
    <>
      <ol class="steps">
        <li>{t("manage:totp_step_app")}</li>
        <li>
          {t("manage:totp_step_scan")}
          <QrSvg text={uri} label={t("manage:totp_qr_label")} />
        </li>
        <li>
          {t("manage:totp_step_type")}
          <code id="totp-secret" class="key">
            {groupKey(secret)}
          </code>
          <details class="muted">
            <summary>{t("manage:totp_link")}</summary>
            <a class="wrap" href={uri}>
              {uri}
            </a>
          </details>
        </li>
        <li>{t("manage:totp_step_code")}</li>
      </ol>
    </>
  );
}
