// The simulator's single page: a Telegram-like private chat. Plain HTML and JS, no build step.
export const simulatorPage = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Telegram simulator · Bala Help</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #0e1621; color: #e9edf1; height: 100vh; height: 100dvh; display: flex; overflow: hidden; }
  aside { width: 240px; flex: none; background: #17212b; border-right: 1px solid #0b1117; display: flex; flex-direction: column; overflow-y: auto; }
  body:not(.chats-open) aside { display: none; }
  aside h1 { font-size: 14px; font-weight: 600; margin: 0; padding: 14px 16px; color: #8ba0b2; }
  .user { width: 100%; padding: 10px 16px; cursor: pointer; border: 0; background: none; color: inherit; text-align: left; font: inherit; }
  .user small { display: block; color: #7f91a4; }
  .user[aria-current="true"] { background: #2b5278; }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  header { padding: 8px 12px; background: #17212b; border-bottom: 1px solid #0b1117; font-weight: 600; display: flex; gap: 10px; align-items: center; }
  header small { display: block; font-weight: 400; color: #8fa3b6; }
  #title { min-width: 0; overflow-wrap: anywhere; }
  #toggle-chats { flex: none; background: none; border: 1px solid #2b3945; color: inherit; border-radius: 8px; padding: 6px 10px; font: inherit; cursor: pointer; }
  #log { flex: 1; overflow-y: auto; padding: 16px 12% 8px; display: flex; flex-direction: column; gap: 6px; }
  .msg { max-width: 520px; padding: 7px 11px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; }
  .msg.bot { background: #182533; align-self: flex-start; border-bottom-left-radius: 4px; }
  .msg.user { background: #2b5278; align-self: flex-end; border-bottom-right-radius: 4px; }
  .msg .meta { display: block; text-align: right; font-size: 11px; color: #7f91a4; margin-top: 2px; }
  .kb { display: grid; gap: 4px; margin-top: 6px; }
  .kb .row { display: flex; gap: 4px; }
  .kb button { flex: 1; background: #2b5278aa; color: #fff; border: 0; border-radius: 8px; padding: 8px 6px; font: inherit; font-size: 14px; cursor: pointer; }
  .kb button:hover, .kb button:focus-visible { background: #3a6a98; outline: 2px solid #6ab3f3; }
  form { display: flex; gap: 8px; padding: 10px 12%; background: #17212b; position: relative; }
  form input { flex: 1; min-width: 0; background: #0e1621; border: 1px solid #2b3945; color: inherit; border-radius: 10px; padding: 10px 12px; font: inherit; }
  form button { flex: none; background: #3d6a9c; border: 0; color: #fff; border-radius: 10px; padding: 0 18px; font: inherit; cursor: pointer; }
  form button#attach { background: none; border: 1px solid #2b3945; padding: 0 12px; }
  #attach-menu { position: absolute; bottom: 100%; left: 12%; background: #17212b; border: 1px solid #2b3945; border-radius: 10px; padding: 6px; display: flex; flex-direction: column; gap: 4px; }
  #attach-menu[hidden] { display: none; }
  #attach-menu button { background: none; color: inherit; border: 0; text-align: left; padding: 8px 12px; border-radius: 8px; font: inherit; cursor: pointer; }
  #attach-menu button:hover, #attach-menu button:focus-visible { background: #2b5278; }
  .msg img { display: block; max-width: min(240px, 100%); border-radius: 8px; margin-bottom: 4px; }
  .msg .file { display: block; }
  #toasts { position: fixed; left: 50%; top: 64px; transform: translateX(-50%); display: flex; flex-direction: column; gap: 6px; z-index: 10; max-width: min(420px, calc(100vw - 24px)); pointer-events: none; }
  .toast { background: rgba(0, 0, 0, 0.85); color: #fff; padding: 10px 14px; border-radius: 10px; pointer-events: auto; }
  .toast.alert { background: #fff; color: #0e1621; box-shadow: 0 4px 20px rgba(0, 0, 0, 0.5); }
  .toast.alert button { display: block; margin: 8px 0 0 auto; background: none; border: 0; color: #1d5fa0; font: inherit; font-weight: 600; cursor: pointer; }
  @media (max-width: 700px) {
    aside { position: fixed; inset: 0 auto 0 0; width: min(280px, 85vw); z-index: 5; box-shadow: 0 0 30px rgba(0, 0, 0, 0.6); }
    #log { padding: 10px 8px 6px; }
    form { padding: 8px; }
    #attach-menu { left: 8px; }
    #replying { padding: 6px 8px; }
    .msg { max-width: 92%; }
  }
  blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #6ab3f3; }
  code, pre { font-family: ui-monospace, monospace; background: #0e1621; border-radius: 4px; padding: 0 3px; }
  a { color: #6ab3f3; }
  #replying { padding: 6px 12%; background: #17212b; color: #6ab3f3; font-size: 13px; cursor: pointer; }
  .msg.group.bot { cursor: pointer; }
  .msg.selected { outline: 2px solid #6ab3f3; }
  .note { color: #8fa3b6; font-size: 12px; padding: 10px 16px; margin-top: auto; }
</style>
</head>
<body>
<aside id="chats" aria-label="Chats">
  <h1>Chats</h1>
  <div id="users"></div>
  <p class="note">Local simulator: nothing leaves this computer. Each child has their own Telegram language; the staff group shows what the ombudsman's team sees.</p>
</aside>
<main>
  <header>
    <button type="button" id="toggle-chats" aria-controls="chats" aria-expanded="false">☰ Chats</button>
    <div id="title">…</div>
  </header>
  <div id="log" aria-live="polite"></div>
  <div id="replying" hidden></div>
  <form id="composer">
    <button type="button" id="attach" aria-label="Attach a photo or a file" aria-haspopup="true" aria-expanded="false">📎</button>
    <div id="attach-menu" hidden>
      <button type="button" id="attach-photo">📷 Photo</button>
      <button type="button" id="attach-file">📄 File</button>
    </div>
    <input type="file" id="photo-input" accept="image/*" hidden>
    <input type="file" id="file-input" hidden>
    <input id="text" autocomplete="off" placeholder="Message" aria-label="Message">
    <button type="submit">Send</button>
  </form>
</main>
<div id="toasts" role="status" aria-live="polite"></div>
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

  // The chat list: beside the chat on a wide screen, a drawer over it on a phone (closed at first).
  const narrow = window.matchMedia("(max-width: 700px)");
  function setChatsOpen(open) {
    document.body.classList.toggle("chats-open", open);
    $("toggle-chats").setAttribute("aria-expanded", String(open));
  }
  setChatsOpen(!narrow.matches);
  narrow.addEventListener("change", () => setChatsOpen(!narrow.matches));
  $("toggle-chats").onclick = () => setChatsOpen(!document.body.classList.contains("chats-open"));

  // answerCallbackQuery's text: a short pop-up over the chat, or an alert to dismiss (show_alert).
  function toast(text, alert) {
    const box = document.createElement("div");
    box.className = "toast" + (alert ? " alert" : "");
    box.textContent = text;
    if (alert) {
      box.setAttribute("role", "alertdialog");
      const ok = document.createElement("button");
      ok.type = "button";
      ok.textContent = "OK";
      ok.onclick = () => box.remove();
      box.append(ok);
    } else setTimeout(() => box.remove(), 3500);
    $("toasts").append(box);
    if (alert) box.querySelector("button").focus();
  }

  const sizeLabel = (n) => (n < 1024 ? n + " B" : n < 1048576 ? Math.round(n / 1024) + " KB" : (n / 1048576).toFixed(1) + " MB");
  function renderAttachment(div, a) {
    if (a.kind === "photo") {
      const img = document.createElement("img");
      img.src = "/simulator/api/files/" + encodeURIComponent(a.fileId);
      img.alt = "Photo";
      div.append(img);
    } else {
      const link = document.createElement("a");
      link.className = "file";
      link.href = "/simulator/api/files/" + encodeURIComponent(a.fileId);
      link.textContent = "📄 " + (a.name || "file") + " · " + sizeLabel(a.size);
      div.append(link);
    }
  }

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
      b.onclick = () => { state.current = c.key; state.replyTo = null; if (narrow.matches) setChatsOpen(false); render(); };
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
      if (m.attachment) {
        renderAttachment(div, m.attachment);
        if (m.caption) div.append(m.caption);
      } else if (m.text !== undefined && m.text !== null) {
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
    const res = await fetch("/simulator/api/chats/" + state.current + "/" + kind, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    if (answer.toast) toast(answer.toast.text, answer.toast.alert);
    if (!res.ok && answer.error) toast(answer.error, false);
    await refresh();
  }

  // A photo goes as Telegram sends one: re-encoded as JPEG (which also drops the camera's EXIF);
  // a file goes as it is. The typed text becomes the caption.
  function readAsDataUrl(file) {
    return new Promise((resolve, reject) => { const r = new FileReader(); r.onload = () => resolve(r.result); r.onerror = reject; r.readAsDataURL(file); });
  }
  async function asJpeg(file) {
    const img = new Image();
    img.src = await readAsDataUrl(file);
    await img.decode();
    const scale = Math.min(1, 2560 / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    return { data: canvas.toDataURL("image/jpeg", 0.87), width: canvas.width, height: canvas.height };
  }
  async function attach(kind, file) {
    if (!file || state.current === null) return;
    const caption = $("text").value.trim();
    $("text").value = "";
    try {
      const body = kind === "photo" ? await asJpeg(file) : { data: await readAsDataUrl(file) };
      body.data = body.data.slice(body.data.indexOf(",") + 1);
      await post("attach", { ...body, kind, name: file.name, mime: kind === "photo" ? "image/jpeg" : file.type || undefined, caption: caption || undefined });
    } catch (e) {
      toast("This file could not be read" + (kind === "photo" ? " as a picture: send it as a file" : ""), false);
    }
  }
  const menu = $("attach-menu");
  const showMenu = (open) => { menu.hidden = !open; $("attach").setAttribute("aria-expanded", String(open)); };
  $("attach").onclick = () => showMenu(menu.hidden);
  $("attach-photo").onclick = () => { showMenu(false); $("photo-input").click(); };
  $("attach-file").onclick = () => { showMenu(false); $("file-input").click(); };
  for (const [id, kind] of [["photo-input", "photo"], ["file-input", "document"]]) {
    $(id).onchange = async (e) => { const file = e.target.files[0]; e.target.value = ""; await attach(kind, file); };
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
