// The console's stylesheet and script, served from /console/static so the CSP can forbid inline code.
import { liveCss, liveJs } from "./static-live.js";
import { layoutCss } from "./static-layout.js";

export const consoleCss =
  `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Segoe UI", Roboto, sans-serif; color: #1d2433; background: #f5f6f8; }
header { display: flex; gap: 16px; align-items: center; padding: 10px 20px; background: #1f3a5f; color: #fff; flex-wrap: wrap; }
header a { color: #dbe7ff; margin-right: 12px; }
header .spacer { flex: 1; }
header .langs a[aria-current] { font-weight: 700; text-decoration: none; }
header button { background: none; border: 1px solid #dbe7ff; color: #fff; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
main { padding: 16px 20px; max-width: 1400px; }
.inline { display: inline; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
tr.URGENT td:first-child { border-left: 5px solid #c62828; }
tr.HIGH td:first-child { border-left: 5px solid #b45309; }
tr.overdue { background: #fff3f3; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; background: #e3e6ea; }
.badge.URGENT { background: #c62828; color: #fff; }
.badge.HIGH { background: #b45309; color: #fff; }
.badge.overdue { background: #8e0000; color: #fff; }
.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin-bottom: 12px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; }
.counts { display: flex; gap: 12px; margin: 8px 0 14px; flex-wrap: wrap; }
.counts span { background: #fff; border: 1px solid #e3e6ea; padding: 4px 10px; border-radius: 6px; }
.card { background: #fff; border: 1px solid #e3e6ea; border-radius: 8px; padding: 12px 16px; margin-bottom: 14px; }
.grid { display: grid; grid-template-columns: 2fr 1fr; gap: 14px; }
blockquote { margin: 6px 0; padding: 8px 12px; background: #f7f9fc; border-left: 4px solid #1f3a5f; white-space: pre-wrap; }
.msg { margin: 6px 0; padding: 6px 10px; border-radius: 8px; white-space: pre-wrap; }
.msg.CHILD { background: #eef4ff; }
.msg.STAFF { background: #eefaf0; }
.muted { color: #667085; font-size: 12px; }
.error { background: #fdecea; border: 1px solid #f5c2c0; padding: 8px 12px; border-radius: 6px; }
.ok { background: #e8f5e9; border: 1px solid #b7dfba; padding: 8px 12px; border-radius: 6px; }
input, select, textarea, button { font: inherit; }
textarea { width: 100%; min-height: 80px; }
button.primary { background: #1f3a5f; color: #fff; border: 0; border-radius: 6px; padding: 6px 14px; cursor: pointer; }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #7aa7ff; }
.login { max-width: 380px; margin: 60px auto; }
.login label { display: block; margin: 10px 0; }
.login input { width: 100%; padding: 6px; }
.login-back { max-width: 380px; margin: -40px auto 40px; text-align: center; }
button.link { background: none; border: 0; padding: 0; color: #1f4fa0; text-decoration: underline; cursor: pointer; }
.qr { display: block; width: 208px; height: 208px; margin: 8px 0; }
code.key { display: inline-block; margin-top: 4px; padding: 4px 8px; font-size: 16px; word-spacing: .35em; background: #f2f4f7; border-radius: 4px; }
.wrap { overflow-wrap: anywhere; word-break: break-all; }
.steps { padding-left: 20px; }
.steps li { margin: 10px 0; }
.warn { background: #fff4e5; border: 1px solid #f3c98b; padding: 8px 12px; border-radius: 6px; }
label.check { display: inline-block; margin-right: 10px; }
svg text { font: 11px system-ui, sans-serif; }
` +
  liveCss +
  layoutCss;

// Small behaviours of every page; the live updates are in static-live.ts.
export const consoleJs =
  `
(function () {
  // Irreversible actions (blocking a child's pseudonym) ask once more.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (f) {
    f.addEventListener("submit", function (e) { if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault(); });
  });
  var pick = document.getElementById("template-pick");
  // A template goes in where the cursor is (or at the end), never over what was typed.
  if (pick) pick.addEventListener("change", function () {
    var ta = document.getElementById("reply-text");
    if (pick.value) {
      var text = pick.value, v = ta.value;
      // The caret stays where it was when the list took the focus.
      var at = typeof ta.selectionEnd === "number" ? ta.selectionEnd : v.length;
      var before = v.slice(0, at), after = v.slice(at);
      var lead = before && !/\\s$/.test(before) ? " " : "", tail = after && !/^\\s/.test(after) ? " " : "";
      ta.value = before + lead + text + tail + after;
      var end = (before + lead + text).length;
      ta.focus();
      ta.setSelectionRange(end, end);
    }
    pick.selectedIndex = 0;
  });
})();
` + liveJs;
