// Words, not codes: what staff read in the console for the codes the database keeps (case events,
// audit actions, who did it, directory regions), and the help directory's Telegram-HTML texts
// rendered as markup instead of literal tags. A code without words yet shows as readable text.
import type { Child } from "hono/jsx";
import type { Translate } from "../i18n/i18n.js";

const readable = (code: string) => code.replace(/[._:]+/g, " ").trim();
/** i18next reads "." as a key path and ":" as a namespace: codes are flattened with "_". */
const keyOf = (code: string) => code.replace(/[^a-z0-9]+/gi, "_");

/** A case event ("staff_post", "status", "referral_outcome"). */
export const eventLabel = (t: Translate, kind: string): string => t(`manage:event_${keyOf(kind)}`, { defaultValue: readable(kind) });

/** An audit action ("case.view", "signin.totp_wrong", "account.password_reset"). */
export const auditActionLabel = (t: Translate, action: string): string =>
  t(`manage:audit_${keyOf(action)}`, { defaultValue: readable(action) });

/** What an outbox row stands for, from its key ("report-post:<id>", "notify:<id>"). */
export const outboxLabel = (t: Translate, key: string): string => {
  const kind = key.split(":")[0] ?? key;
  return t(`manage:outbox_${keyOf(kind)}`, { defaultValue: readable(kind) });
};

const ACTORS = ["bot", "child", "system", "anonymous"];
/** The bot, the child, the system; a staff member's email (or "a staff member in Telegram"). */
export function actorLabel(t: Translate, actor: string, emails: Map<string, string>): string {
  if (ACTORS.includes(actor)) return t(`manage:actor_${actor}`);
  return emails.get(actor) ?? t("console:assignee_telegram");
}

/** A directory entry's region: "national", "every", or one region's key. */
export const directoryRegionLabel = (t: Translate, region: string): string =>
  region === "national" || region === "every"
    ? t(`manage:region_${region}`)
    : t(`report:regions.${region}`, { defaultValue: readable(region) });

/** The details worth reading next to an event: statuses, priorities, an agency, a case number. */
export function eventDetail(t: Translate, kind: string, data: unknown): string {
  const d = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  if (kind === "status" && d.from && d.to) return `${t(`console:status_${text(d.from)}`)} → ${t(`console:status_${text(d.to)}`)}`;
  if (kind === "priority" && d.from && d.to) return `${t(`console:priority_${text(d.from)}`)} → ${t(`console:priority_${text(d.to)}`)}`;
  if (kind === "referral" && d.agency) return t(`console:agency_${text(d.agency)}`, { defaultValue: text(d.agency) });
  if (kind === "merged" && d.into) return `#${text(d.into)}`;
  if (kind === "merged_from" && d.from) return `#${text(d.from)}`;
  return "";
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };
const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|#39);/g, (m) => ENTITIES[m] ?? m);

type Element = { tag: string; href?: string; children: Node[] };
type Node = string | Element;

/**
 * Telegram HTML (the bot's own locale texts: <b>, <i>, <u>, <s>, <code>, <a href>) as console
 * markup. Only those tags become elements (an <a> only with an http(s) address); anything else,
 * and every text between, is text that Hono's JSX escapes. Unclosed tags close at the end.
 */
export function richText(html: string): Child {
  const root: Element = { tag: "", children: [] };
  const stack: Element[] = [root];
  const tag = /<(\/?)(b|strong|i|em|u|s|code|a)(?:\s+href="([^"]*)")?\s*>/gi;
  let last = 0;
  for (const m of html.matchAll(tag)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push(decode(html.slice(last, m.index)));
    last = m.index + m[0].length;
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      // A closing tag closes its element (and anything left open inside it).
      const at = stack.findLastIndex((n, i) => i > 0 && n.tag === name);
      if (at > 0) stack.length = at;
    } else {
      const element: Element = { tag: name, children: [], ...(m[3] !== undefined ? { href: decode(m[3]) } : {}) };
      top.children.push(element);
      stack.push(element);
    }
  }
  if (last < html.length) stack[stack.length - 1]!.children.push(decode(html.slice(last)));
  return render(root.children);
}

function render(nodes: Node[]): Child[] {
  return nodes.map((n) => {
    if (typeof n === "string") return n;
    const inner = render(n.children);
    switch (n.tag) {
      case "b":
      case "strong":
        return <strong>{inner}</strong>;
      case "i":
      case "em":
        return <em>{inner}</em>;
      case "u":
        return <u>{inner}</u>;
      case "s":
        return <s>{inner}</s>;
      case "code":
        return <code>{inner}</code>;
      default:
        return n.href && /^https?:\/\//i.test(n.href) ? (
          <a href={n.href} rel="noopener noreferrer">
            {inner}
          </a>
        ) : (
          <>{inner}</>
        );
    }
  });
}
