// The console's stylesheet and script, served from /console/static so the CSP can forbid inline code.
export const consoleCss = `
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
tr.HIGH td:first-child { border-left: 5px solid #ef6c00; }
tr.overdue { background: #fff3f3; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; background: #e3e6ea; }
.badge.URGENT { background: #c62828; color: #fff; }
.badge.HIGH { background: #ef6c00; color: #fff; }
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
svg text { font: 11px system-ui, sans-serif; }
`;

// Live queue: polls a cheap version string and, when it changes, swaps in the rows, the count
// chips and the pager from one fragment (inert <template>s, parsed without running anything).
export const consoleJs = `
(function () {
  var body = document.getElementById("queue-rows");
  if (body) {
    var version = body.getAttribute("data-version");
    var busy = false;
    setInterval(function () {
      if (busy) return;
      busy = true;
      fetch("/console/queue/version" + location.search, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : null; }).then(function (v) {
        if (!v || v === version) return;
        return fetch("/console/queue/rows" + location.search, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
          if (html === null) return;
          var parts = new DOMParser().parseFromString(html, "text/html").querySelectorAll("template[data-part]");
          Array.prototype.forEach.call(parts, function (part) {
            var target = document.getElementById(part.getAttribute("data-part"));
            if (target) target.innerHTML = part.innerHTML;
          });
          version = v;
          body.setAttribute("data-version", v);
        });
      }).catch(function () {}).then(function () { busy = false; });
    }, 3000);
  }
  // Irreversible actions (blocking a child's pseudonym) ask once more.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (f) {
    f.addEventListener("submit", function (e) { if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault(); });
  });
  var pick = document.getElementById("template-pick");
  if (pick) pick.addEventListener("change", function () { var ta = document.getElementById("reply-text"); if (pick.value) { ta.value = pick.value; ta.focus(); } pick.selectedIndex = 0; });
})();
`;
