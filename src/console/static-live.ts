// The console's live script, served as a static file (the CSP allows no inline script).
// - Countdowns ("due in 35 min") stay current, in the page's language.
// - The queue polls a cheap version string and, when it changes, swaps in the rows, the count
//   chips and the pager together; new rows are highlighted; a new urgent report puts a count in
//   the tab's title, shows a banner and, if the person switched sound on, beeps.
// - An open case page polls its conversation and shows the child's new messages as they arrive,
//   without touching the reply being typed; a change made elsewhere (status, priority) is
//   announced with a link to reload.
// Every answer comes from the database, so this works the same with several server instances.
// Polling, not server-sent events: it needs no long-lived connection through proxies, runs on
// Workers as on Node, and a version check costs one small query.

/** The same rules as formatDuration in clock.tsx; a unit test runs both and compares. */
export const durationScript = `
function formatDuration(ms, lang) {
  var unit = function (value, u) { return new Intl.NumberFormat(lang, { style: "unit", unit: u, unitDisplay: "short" }).format(value); };
  var minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  if (minutes < 60) return unit(minutes, "minute");
  if (minutes < 600) {
    var h = Math.floor(minutes / 60), m = minutes % 60;
    return m ? unit(h, "hour") + " " + unit(m, "minute") : unit(h, "hour");
  }
  var hours = Math.round(minutes / 60);
  if (hours < 24) return unit(hours, "hour");
  var d = Math.floor(hours / 24), rest = hours % 24;
  return rest ? unit(d, "day") + " " + unit(rest, "hour") : unit(d, "day");
}
`;

export const liveJs = `
(function () {
  ${durationScript}
  var $ = function (id) { return document.getElementById(id); };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // ---- countdowns --------------------------------------------------------------------------
  var clock = $("clock");
  function tick() {
    if (!clock) return;
    each(document.querySelectorAll("[data-due]"), function (el) {
      var ms = Date.parse(el.getAttribute("data-due")) - Date.now();
      var words = ms < 0 ? clock.getAttribute("data-overdue") : clock.getAttribute("data-due-in");
      el.textContent = words.replace("{time}", formatDuration(ms, clock.getAttribute("data-lang")));
      el.classList.toggle("late", ms < 0);
    });
  }
  setInterval(tick, 30000);

  // ---- the signal: tab title, banner, sound ------------------------------------------------
  var baseTitle = document.title;
  var unseen = 0;
  var SOUND = "bala-console-sound";
  var audio = null;
  var soundOn = function () { try { return localStorage.getItem(SOUND) === "1"; } catch (e) { return false; } };
  function audioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    if (audio.state === "suspended") audio.resume();
    return audio;
  }
  // Two short tones, quiet enough for an office.
  function beep() {
    if (!soundOn()) return;
    var ctx = audioContext();
    if (!ctx) return;
    [[0, 880], [0.22, 660]].forEach(function (tone) {
      var at = ctx.currentTime + tone[0];
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.frequency.value = tone[1];
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    });
  }
  var toggle = $("sound-toggle");
  function showSound() {
    toggle.setAttribute("aria-pressed", String(soundOn()));
    toggle.textContent = toggle.getAttribute(soundOn() ? "data-on" : "data-off");
  }
  if (toggle) {
    toggle.hidden = false;
    showSound();
    toggle.addEventListener("click", function () {
      try { localStorage.setItem(SOUND, soundOn() ? "0" : "1"); } catch (e) {}
      showSound();
      beep();
    });
  }
  // Browsers let a page play sound only after a gesture on it: the first one wakes the audio.
  document.addEventListener("pointerdown", function () { if (soundOn()) audioContext(); }, { once: true });

  function signal(n, label) {
    unseen += n;
    document.title = "(" + unseen + ") " + label + " · " + baseTitle;
    beep();
  }
  // The person is here: the count leaves the title (the banner stays until dismissed).
  function acknowledge() {
    if (!unseen) return;
    unseen = 0;
    document.title = baseTitle;
  }
  document.addEventListener("keydown", acknowledge);
  document.addEventListener("pointerdown", acknowledge);
  window.addEventListener("focus", acknowledge);

  function parts(html) {
    return new DOMParser().parseFromString(html, "text/html").querySelectorAll("template[data-part]");
  }
  function get(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      // Signed out (idle timeout): the next page the person opens asks them to sign in.
      if (r.status === 401) { stop = true; return null; }
      return r.ok ? r : null;
    });
  }
  var stop = false;
  function every(ms, fn) {
    var busy = false;
    setInterval(function () {
      if (busy || stop) return;
      busy = true;
      Promise.resolve().then(fn).catch(function () {}).then(function () { busy = false; });
    }, ms);
  }

  // ---- the queue ---------------------------------------------------------------------------
  var rows = $("queue-rows");
  if (rows) {
    var version = rows.getAttribute("data-version");
    var caseNumbers = function () { return Array.prototype.map.call(rows.querySelectorAll("tr[data-case]"), function (tr) { return tr.getAttribute("data-case"); }); };
    var seen = {};
    caseNumbers().forEach(function (n) { seen[n] = true; });
    var urgentCount = function () { var el = document.querySelector('#queue-counts [data-count="URGENT"]'); return el ? Number(el.textContent) || 0 : 0; };
    var urgent = urgentCount();
    var alert = $("live-alert");
    every(3000, function () {
      return get("/console/queue/version" + location.search).then(function (r) { return r && r.text(); }).then(function (v) {
        if (!v || v === version) return;
        return get("/console/queue/rows" + location.search).then(function (r) { return r && r.text(); }).then(function (html) {
          if (!html) return;
          each(parts(html), function (part) {
            var target = $(part.getAttribute("data-part"));
            if (target) target.innerHTML = part.innerHTML;
          });
          version = v;
          rows.setAttribute("data-version", v);
          var fresh = caseNumbers().filter(function (n) { return !seen[n]; });
          fresh.forEach(function (n) {
            seen[n] = true;
            var tr = rows.querySelector('tr[data-case="' + n + '"]');
            if (tr) tr.classList.add("fresh");
          });
          var now = urgentCount();
          if (now > urgent) {
            var label = alert.getAttribute("data-title");
            signal(now - urgent, label);
            var urgentRows = fresh.filter(function (n) { var tr = rows.querySelector('tr[data-case="' + n + '"]'); return tr && tr.classList.contains("URGENT"); });
            alert.textContent = alert.getAttribute("data-text") + (urgentRows.length ? ": " : "");
            urgentRows.forEach(function (n, i) {
              var a = document.createElement("a");
              a.href = "/console/reports/" + n;
              a.textContent = "#" + n;
              alert.append(i ? ", " : "", a);
            });
            var close = document.createElement("button");
            close.type = "button";
            close.className = "dismiss";
            close.textContent = "×";
            close.setAttribute("aria-label", "OK");
            close.addEventListener("click", function () { alert.hidden = true; });
            alert.append(" ", close);
            alert.hidden = false;
          }
          urgent = now;
          tick();
        });
      });
    });
  }

  // ---- an open case ------------------------------------------------------------------------
  var thread = $("case-thread");
  if (thread) {
    var base = "/console/live/case/" + thread.getAttribute("data-case");
    var threadVersion = thread.getAttribute("data-version");
    var reportVersion = thread.getAttribute("data-report-version");
    every(4000, function () {
      return get(base + "/version").then(function (r) { return r && r.json(); }).then(function (v) {
        if (!v) return;
        if (v.report !== reportVersion) {
          reportVersion = v.report;
          var changed = $("case-changed");
          if (changed) changed.hidden = false;
        }
        if (v.thread === threadVersion) return;
        return get(base + "/thread").then(function (r) { return r && r.text(); }).then(function (html) {
          var part = html && parts(html)[0];
          if (!part) return;
          var known = {};
          each(thread.querySelectorAll("[data-message]"), function (m) { known[m.getAttribute("data-message")] = true; });
          thread.innerHTML = part.innerHTML;
          threadVersion = part.getAttribute("data-version");
          var fromChild = 0;
          each(thread.querySelectorAll("[data-message]"), function (m) {
            if (known[m.getAttribute("data-message")]) return;
            m.classList.add("fresh");
            if (m.classList.contains("CHILD")) fromChild++;
          });
          if (fromChild) signal(fromChild, thread.getAttribute("data-new-message"));
        });
      });
    });
  }
})();
`;

export const liveCss = `
.zone { font-size: 12px; color: #dbe7ff; }
.countdown { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 8px; background: #e8eef7; color: #1d2433; white-space: nowrap; }
.countdown.late { background: #8e0000; color: #fff; }
.deadline time { white-space: nowrap; }
.live-controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 10px; }
.live-controls button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #1f3a5f; background: #fff; color: #1f3a5f; cursor: pointer; }
.live-controls button[aria-pressed="true"] { background: #1f3a5f; color: #fff; }
.live-alert { flex-basis: 100%; margin: 0; padding: 8px 12px; border-radius: 6px; background: #fdecea; border: 2px solid #c62828; color: #7a0000; font-weight: 600; }
.live-alert a { color: #7a0000; }
.live-alert .dismiss { margin-left: 8px; border: 0; background: none; color: #7a0000; font-size: 18px; line-height: 1; padding: 0 4px; }
.notice { margin: 8px 0; padding: 8px 12px; border-radius: 6px; background: #fff8e1; border: 1px solid #c9a227; }
tr.fresh, .msg.fresh { outline: 2px solid #1f6feb; outline-offset: -2px; }
tr.fresh td, .msg.fresh { animation: fresh 6s ease-out; }
@keyframes fresh { from { background: #fff3b0; } }
@media (prefers-reduced-motion: reduce) { tr.fresh td, .msg.fresh { animation: none; } }
`;
