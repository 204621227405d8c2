// Messages that could not be delivered (dead letters): which effect, where to, how often tried and
// why it failed; never their content. Staff can send one again once the cause is fixed.
import type { Translate } from "../../i18n/i18n.js";
import { Csrf } from "./layout.js";
import { fmt } from "./queue.js";
import { outboxLabel } from "../words.js";

export interface DeadLetter {
  id: string;
  key: string;
  target: string;
  method: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export function OutboxPage({ t, csrf, dead, pending }: { t: Translate; csrf: string; dead: DeadLetter[]; pending: number }) {
  return (
    <>
      <h1>{t("console:outbox_title")}</h1>
      <p class="muted">{t("console:outbox_intro", { pending })}</p>
      <table>
        <thead>
          <tr>
            <th>{t("console:outbox_what")}</th>
            <th>{t("console:outbox_to")}</th>
            <th>{t("console:outbox_when")}</th>
            <th>{t("console:outbox_attempts")}</th>
            <th>{t("console:outbox_error")}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {dead.length === 0 ? (
            <tr>
              <td colspan={6}>{t("console:outbox_empty")}</td>
            </tr>
          ) : (
            dead.map((d) => (
              <tr>
                <td>
                  {outboxLabel(t, d.key)} <code class="muted">{d.key}</code>
                </td>
                <td>{t(`console:outbox_target_${d.target === "child" ? "child" : "staff"}`)}</td>
                <td>{fmt(d.createdAt)}</td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? ""}</td>
                <td>
                  <form method="post" action={`/console/outbox/${d.id}/retry`} class="inline">
                    <Csrf token={csrf} />
                    <button type="submit">{t("console:outbox_retry")}</button>
                  </form>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}
