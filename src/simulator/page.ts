// The simulator's single page: a Telegram-like private chat. Plain HTML and JS, no build step.
export const simulatorPage = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Telegram simulator · Bala Help</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #0e1621; color: #e9edf1; height: 100vh; display: flex; }
  aside { width: 240px; background: #17212b; border-right: 1px solid #0b1117; display: flex; flex-direction: column; }
  aside h1 { font-size: 14px; font-weight: 600; margin: 0; padding: 14px 16px; color: #8ba0b2; }
  .user { width: 100%; padding: 10px 16px; cursor: pointer; border: 0; background: none; color: inherit; text-align: left; font: inherit; }
  .user small { display: block; color: #7f91a4; }
  .user[aria-current="true"] { background: #2b5278; }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  header { padding: 12px 18px; background: #17212b; border-bottom: 1px solid #0b1117; font-weight: 600; }
  header small { display: block; font-weight: 400; color: #7f91a4; }
  #log { flex: 1; overflow-y: auto; padding: 16px 12% 8px; display: flex; flex-direction: column; gap: 6px; }
  .msg { max-width: 520px; padding: 7px 11px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; }
  .msg.bot { background: #182533; align-self: flex-start; border-bottom-left-radius: 4px; }
  .msg.user { background: #2b5278; align-self: flex-end; border-bottom-right-radius: 4px; }
  .msg .meta { display: block; text-align: right; font-size: 11px; color: #7f91a4; margin-top: 2px; }
  .kb { display: grid; gap: 4px; margin-top: 6px; }
  .kb .row { display: flex; gap: 4px; }
  .kb button { flex: 1; background: #2b5278aa; color: #fff; border: 0; border-radius: 8px; padding: 8px 6px; font: inherit; font-size: 14px; cursor: pointer; }
  .kb button:hover, .kb button:focus-visible { background: #3a6a98; outline: 2px solid #6ab3f3; }
  form { display: flex; gap: 8px; padding: 10px 12%; background: #17212b; }
  form input { flex: 1; background: #0e1621; border: 1px solid #2b3945; color: inherit; border-radius: 10px; padding: 10px 12px; font: inherit; }
  form button { background: #5288c1; border: 0; color: #fff; border-radius: 10px; padding: 0 18px; font: inherit; cursor: pointer; }
  blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #6ab3f3; }
  code, pre { font-family: ui-monospace, monospace; background: #0e1621; border-radius: 4px; padding: 0 3px; }
  a { color: #6ab3f3; }
  #replying { padding: 6px 12%; background: #17212b; color: #6ab3f3; font-size: 13px; cursor: pointer; }
  .msg.group.bot { cursor: pointer; }
  .msg.selected { outline: 2px solid #6ab3f3; }
  .note { color: #7f91a4; font-size: 12px; padding: 10px 16px; margin-top: auto; }
</style>
</head>
<body>
<aside>
  <h1>Chats</h1>
  <div id="users"></div>
  <p class="note">Local simulator: nothing leaves this computer. Each child has their own Telegram language; the staff group shows what the ombudsman's team sees.</p>
</aside>
<main>
  <header id="title">…</header>
  <div id="log" aria-live="polite"></div>
  <div id="replying" hidden></div>
  <form id="composer">
    <input id="text" autocomplete="off" placeholder="Message" aria-label="Message">
    <button type="submit">Send</button>
  </form>
</main>
<script>
  const state = { conversations: [], chats: {}, version: -1, current: null, replyTo: null };
  const $ = (id) => document.getElementById(id);
  const ALLOWED = new Set(["B", "STRONG", "I", "EM", "U", "INS", "S", "STRIKE", "DEL", "A", "CODE", "PRE", "BLOCKQUOTE", "TG-SPOILER", "SPAN", "BR"]);

  // Telegram HTML subset only: unknown tags are dropped, text is never inserted as HTML.
  function renderHtml(target, html) {
    const doc = new DOMParser().parseFromString("<body>" + html.replace(/\\n/g, "<br>") + "</body>", "text/html");
    const walk = (from, to) => {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) { to.append(node.textContent); continue; }
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (!ALLOWED.has(node.tagName)) { walk(node, to); continue; }
        const el = document.createElement(node.tagName === "TG-SPOILER" ? "span" : node.tagName);
        if (node.tagName === "A" && /^https?:/.test(node.getAttribute("href") || "")) { el.href = node.getAttribute("href"); el.target = "_blank"; el.rel = "noopener"; }
        walk(node, el);
        to.append(el);
      }
    };
    walk(doc.body, target);
  }

  const currentConversation = () => state.conversations.find((c) => c.key === state.current);

  function renderSidebar() {
    const box = $("users");
    box.textContent = "";
    for (const c of state.conversations) {
      const b = document.createElement("button");
      b.className = "user";
      b.setAttribute("aria-current", String(c.key === state.current));
      b.dataset.key = c.key;
      b.textContent = c.title;
      const s = document.createElement("small");
      s.textContent = c.subtitle;
      b.append(s);
      b.onclick = () => { state.current = c.key; state.replyTo = null; render(); };
      box.append(b);
    }
  }

  function render() {
    renderSidebar();
    const conv = currentConversation();
    $("title").textContent = conv && conv.group ? conv.title : "Bala Help bot";
    const small = document.createElement("small");
    small.textContent = conv ? (conv.group ? conv.subtitle : "chatting as " + conv.title) : "";
    $("title").append(small);
    const replying = $("replying");
    replying.hidden = !state.replyTo;
    replying.textContent = state.replyTo ? "↩ Replying to message " + state.replyTo + " (click to cancel)" : "";
    const log = $("log");
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 40;
    log.textContent = "";
    for (const m of state.chats[state.current] || []) {
      const div = document.createElement("div");
      div.className = "msg " + m.from + (conv && conv.group ? " group" : "") + (m.message_id === state.replyTo ? " selected" : "");
      div.dataset.messageId = m.message_id;
      if (m.reply_to_message_id) {
        const q = document.createElement("blockquote");
        q.textContent = "↩ " + m.reply_to_message_id;
        div.append(q);
      }
      if (m.text !== undefined && m.text !== null) {
        if (m.from === "bot" && m.parse_mode === "HTML") renderHtml(div, m.text); else div.append(m.text);
      } else div.append("[sticker]");
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = new Date(m.date * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + (m.edited ? " · edited" : "");
      div.append(meta);
      if (conv && conv.group && m.from === "bot") div.onclick = (e) => { if (e.target.tagName !== "BUTTON") { state.replyTo = m.message_id; render(); $("text").focus(); } };
      const rows = (m.reply_markup && m.reply_markup.inline_keyboard) || [];
      if (rows.length) {
        const kb = document.createElement("div");
        kb.className = "kb";
        for (const row of rows) {
          const r = document.createElement("div");
          r.className = "row";
          for (const btn of row) {
            const b = document.createElement("button");
            b.type = "button";
            b.textContent = btn.text;
            if (btn.url) b.onclick = () => window.open(btn.url, "_blank", "noopener");
            else b.onclick = () => post("press", { messageId: m.message_id, data: btn.callback_data });
            r.append(b);
          }
          kb.append(r);
        }
        div.append(kb);
      }
      log.append(div);
    }
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  async function post(kind, body) {
    await fetch("/simulator/api/chats/" + state.current + "/" + kind, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await refresh();
  }

  async function refresh() {
    const res = await fetch("/simulator/api/state", { cache: "no-store" });
    const data = await res.json();
    if (data.version === state.version && state.conversations.length) return;
    Object.assign(state, { conversations: data.conversations, chats: data.chats, version: data.version });
    if (state.current === null && data.conversations.length) state.current = data.conversations[0].key;
    render();
  }

  $("replying").onclick = () => { state.replyTo = null; render(); };
  $("composer").onsubmit = async (e) => {
    e.preventDefault();
    const text = $("text").value.trim();
    if (!text || state.current === null) return;
    $("text").value = "";
    const body = { text };
    if (state.replyTo) body.replyTo = state.replyTo;
    state.replyTo = null;
    await post("send", body);
  };
  refresh();
  setInterval(refresh, 800);
</script>
</body>
</html>`;
