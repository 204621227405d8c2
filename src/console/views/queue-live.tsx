// What the queue's live updates need on the page: the opt-in sound switch and the banner for new
// urgent reports. Both stay hidden until the page's script runs (a switch that does nothing
// without it would mislead); the texts travel as data attributes, so the script has no words.
import type { Translate } from "../../i18n/i18n.js";

export function LiveControls({ t }: { t: Translate }) {
  return (
    <div class="live-controls">
      <p
        id="live-alert"
        class="live-alert"
        role="alert"
        hidden
        data-text={t("console:live_new_urgent")}
        data-title={t("console:priority_URGENT")}
      ></p>
      <button
        type="button"
        id="sound-toggle"
        aria-pressed="false"
        hidden
        data-on={t("console:live_sound_on")}
        data-off={t("console:live_sound_off")}
      >
        {t("console:live_sound_off")}
      </button>
    </div>
  );
}
