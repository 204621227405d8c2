// Danger heard outside a sent report: what was heard (signal kinds only, never the words), when,
// in which language, whether the child is still writing, and what staff may do about it.
import type { Translate } from "../../i18n/i18n.js";
import type { SignalRecord } from "../../domain/signals/signals.js";
import { PRESENT_MS } from "../../domain/signals/signals.js";
import { Csrf } from "./layout.js";
import { fmt } from "./queue.js";

export function signalKinds(t: Translate, signals: string[]): string {
  return signals.map((s) => (s === "not_safe_now" ? t("staff:reason_not_safe_now") : t(`staff:signal_${s}`))).join(", ");
}

function SignalRow({ t, csrf, signal, now }: { t: Translate; csrf: string; signal: SignalRecord; now: Date }) {
  const present = now.getTime() - signal.lastSeenAt.getTime() < PRESENT_MS;
  const open = signal.status !== "CLOSED";
  return (
    <tr class={open ? "URGENT" : undefined} id={`signal-${signal.reference}`}>
      <td>
        <strong>{signal.reference}</strong>
        <br />
        <span class="badge">{t(`console:signal_status_${signal.status}`)}</span>
      </td>
      <td>{signalKinds(t, signal.signals)}</td>
      <td>
        {fmt(signal.createdAt)}
        <br />
        <span class="muted">{t(`console:signal_place_${signal.place}`)}</span>
      </td>
      <td>{signal.language}</td>
      <td>{present ? <strong>{t("console:signal_present")}</strong> : t("console:signal_last_seen", { at: fmt(signal.lastSeenAt) })}</td>
      <td>
        {open && signal.contactSealed && (
          <form method="post" action={`/console/signals/${signal.id}/reply`} class="stack">
            <Csrf token={csrf} />
            <label>
              {t("console:signal_reply")}
              <textarea name="text" rows={3} maxlength={3500} required></textarea>
            </label>
            <button type="submit" class="primary">
              {t("console:signal_reply_send")}
            </button>
          </form>
        )}
        {open && !signal.contactSealed && <p class="muted">{t("console:signal_no_contact")}</p>}
        {open && (
          <form method="post" action={`/console/signals/${signal.id}/close`} class="inline">
            <Csrf token={csrf} />
            <button type="submit">{t("console:signal_close")}</button>
          </form>
        )}
        {open && (
          <form
            method="post"
            action={`/console/signals/${signal.id}/block`}
            class="inline"
            data-confirm={t("console:signal_block_confirm")}
          >
            <Csrf token={csrf} />
            <button type="submit">{t("console:signal_block")}</button>
          </form>
        )}
      </td>
    </tr>
  );
}

export function SignalsPage(props: {
  t: Translate;
  csrf: string;
  signals: SignalRecord[];
  showClosed: boolean;
  now: Date;
  flash?: { kind: "ok" | "error"; text: string } | undefined;
}) {
  const { t, csrf, signals, showClosed, now, flash } = props;
  return (
    <>
      <h1>{t("console:signals_title")}</h1>
      <p class="muted">{t("console:signals_intro")}</p>
      {flash && <p class={flash.kind}>{flash.text}</p>}
      <p>
        <a href={showClosed ? "/console/signals" : "/console/signals?closed=1"}>
          {t(showClosed ? "console:signals_hide_closed" : "console:signals_show_closed")}
        </a>
      </p>
      <table>
        <thead>
          <tr>
            <th>{t("console:signal_reference")}</th>
            <th>{t("console:signal_kinds")}</th>
            <th>{t("console:signal_when")}</th>
            <th>{t("console:signal_language")}</th>
            <th>{t("console:signal_child")}</th>
            <th>{t("console:signal_actions")}</th>
          </tr>
        </thead>
        <tbody>
          {signals.length === 0 ? (
            <tr>
              <td colspan={6}>{t("console:signals_empty")}</td>
            </tr>
          ) : (
            signals.map((signal) => <SignalRow t={t} csrf={csrf} signal={signal} now={now} />)
          )}
        </tbody>
      </table>
    </>
  );
}
