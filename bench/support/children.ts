// The benchmark's children: each one a short script a child follows on a campaign day, typed and
// tapped against what the bot really shows (the buttons of its last messages, read from the fake
// Bot API), with a pause to read before each step. The mix, by conversation:
//   35% new children: /start, Next, Got it, then a rights question in their own words;
//   30% rights questions typed, then a tap on the first topic offered;
//   15% reports: the whole report flow (about 15 taps and two texts) up to Send and its case code;
//   20% follow-ups: /status, a case code from an earlier report, Add a message, a text.
// Languages as Telegram reports them: ru 50%, kk 35%, en 15%. A baseline bot shows no buttons:
// its children tap what the real bot would show, as the same callback queries ("blind").
import type { InlineKeyboardButton, Update } from "grammy/types";
import type { FakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import { createUpdateFactory, type SimulatedUser, type UpdateFactory } from "../../src/simulator/updates.ts";
import kkCommon from "../../locales/kk/common.json" with { type: "json" };
import ruCommon from "../../locales/ru/common.json" with { type: "json" };
import enCommon from "../../locales/en/common.json" with { type: "json" };
import kkReport from "../../locales/kk/report.json" with { type: "json" };
import ruReport from "../../locales/ru/report.json" with { type: "json" };
import enReport from "../../locales/en/report.json" with { type: "json" };
import kkFollowup from "../../locales/kk/followup.json" with { type: "json" };
import ruFollowup from "../../locales/ru/followup.json" with { type: "json" };
import enFollowup from "../../locales/en/followup.json" with { type: "json" };
import questions from "../../test/fixtures/rights-search.json" with { type: "json" };

type Lang = "kk" | "ru" | "en";
const common = { kk: kkCommon, ru: ruCommon, en: enCommon };
const report = { kk: kkReport, ru: ruReport, en: enReport };
const followup = { kk: kkFollowup, ru: ruFollowup, en: enFollowup };

/** A child's own words in a report: mostly bullying and violence, one in eight a danger the bot must raise. */
const WORDS: Record<Lang, string[]> = {
  kk: [
    "Сыныптастарым мені күнде мазақтайды",
    "Мектепте үлкен балалар ақша тартып алады",
    "Әкем ішіп алып ұрады",
    "Интернетте суретімді таратып жіберді",
    "Мұғалім бәрінің алдында қорлайды",
    "Маған біреу жазып, суретімді сұрайды",
    "Үйде тамақ жоқ",
    "Мен өзімді өлтіргім келеді",
  ],
  ru: [
    "Одноклассники каждый день обзывают меня",
    "Старшие в школе отбирают деньги",
    "Отчим пьёт и бьёт маму и меня",
    "Выложили мои фото в чат класса",
    "Учитель кричит и унижает при всех",
    "Незнакомый взрослый пишет и просит фото",
    "Дома нечего есть, родители не приходят",
    "Я больше не хочу жить",
  ],
  en: [
    "They call me names at school every day",
    "Older kids take my money",
    "My dad hits me when he drinks",
    "Someone posted my photos in the class chat",
    "The teacher humiliates me in front of everyone",
    "An adult I do not know asks me for photos",
    "There is no food at home",
    "I want to kill myself",
  ],
};
const FOLLOW_UP: Record<Lang, string> = { kk: "Бүгін тағы болды", ru: "Сегодня это случилось снова", en: "It happened again today" };
const CODE = /<code>([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})<\/code>/;

/** What a child's next update needs: permission to send it now (the load shape decides when). */
export interface Turn {
  /** When the load shape meant it to go (latency is measured from here). */
  scheduledAt: number;
  /** The update was answered (status; 0 when the connection failed). */
  done(status: number): void;
}

export interface ChildrenOptions {
  api: FakeBotApi;
  /** A range of update ids of its own, so every update of the run is unique. */
  firstUpdateId: number;
  firstUserId: number;
  /** Posts an update to the server's webhook; resolves with the status and body. */
  post(update: Update): Promise<{ status: number; body: string }>;
  /** Applies a method the server returned in its webhook reply, as Telegram would. */
  applyWebhookReply(body: string): Promise<void>;
  /** Blind: the server is a baseline that shows no buttons. */
  blind: boolean;
  /** The pause before each step, in ms (a child reading). */
  thinkMs: () => number;
  random: () => number;
}

/** A target's children: those waiting for their turn, and the spawning of new ones. */
export class Children {
  private readonly waiting: ((turn: Turn) => void)[] = [];
  private readonly updates: UpdateFactory;
  private nextUserId: number;
  private readonly codes: string[] = [];
  /** Conversations begun and finished; stopped because the bot did not show what the script taps (missed) or did not answer 200 (failed). */
  readonly counts = { started: 0, finished: 0, missed: 0, failed: 0 };
  /** Why conversations stopped, and how often. */
  readonly problems = new Map<string, number>();

  constructor(private readonly options: ChildrenOptions) {
    this.updates = createUpdateFactory(options.api, options.firstUpdateId);
    this.nextUserId = options.firstUserId;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Gives the turn to the child who has waited longest, or to a new child. */
  grant(turn: Turn): void {
    if (!this.waiting.length) this.spawn();
    this.waiting.shift()!(turn);
  }

  private spawn(): void {
    const r = this.options.random();
    const lang: Lang = r < 0.5 ? "ru" : r < 0.85 ? "kk" : "en";
    const user: SimulatedUser = { id: this.nextUserId++, first_name: "Child", language_code: lang };
    const pick = this.options.random();
    const script = pick < 0.35 ? this.newcomer : pick < 0.65 ? this.asker : pick < 0.8 ? this.reporter : this.followUp;
    this.counts.started++;
    // The script's first step registers it as waiting before this returns (no await before it).
    void script
      .call(this, new Child(this, user, lang))
      .then(() => this.counts.finished++)
      .catch((error: unknown) => {
        const missed = error instanceof Missed;
        if (missed) this.counts.missed++;
        else this.counts.failed++;
        const why = error instanceof Error ? error.message : String(error);
        this.problems.set(why, (this.problems.get(why) ?? 0) + 1);
      });
  }

  /** Waits for this child's turn (after reading for a while, unless it is the first step). */
  async turn(first: boolean): Promise<Turn> {
    if (!first) await new Promise((resolve) => setTimeout(resolve, this.options.thinkMs()));
    return new Promise<Turn>((resolve) => this.waiting.push(resolve));
  }

  async deliver(update: Update, first: boolean): Promise<void> {
    const turn = await this.turn(first);
    // post() never rejects: a failed connection is status 0, with the reason as its body.
    const { status, body } = await this.options.post(update);
    try {
      if (status === 200 && body.includes('"method"')) await this.options.applyWebhookReply(body);
    } finally {
      turn.done(status);
    }
    if (status !== 200) throw new Error(status ? `webhook answered ${status}` : `connection failed (${body})`);
  }

  private question(lang: Lang): string {
    const list = questions[lang];
    return list[Math.floor(this.options.random() * list.length)]!.q;
  }

  private async newcomer(child: Child): Promise<void> {
    const t = common[child.lang];
    await child.send("/start");
    await child.press(t.onboarding.continue);
    await child.press(t.onboarding.understood);
    await child.send(this.question(child.lang));
  }

  private async asker(child: Child): Promise<void> {
    await child.send(this.question(child.lang));
    await child.pressFirst();
  }

  private async reporter(child: Child): Promise<void> {
    const r = report[child.lang];
    const words = WORDS[child.lang];
    await child.send("/menu");
    await child.press(common[child.lang].menu.report);
    for (const label of [
      r.start,
      r.safe_yes,
      r.cat_bullying,
      r.who_child,
      r.place_school,
      r.ongoing_yes,
      r.prefer_not,
      r.age_13_15,
      r.skip,
    ])
      await child.press(label);
    await child.send(words[Math.floor(this.options.random() * words.length)]!);
    await child.press(r.evidence_skip);
    await child.press(r.contact_yes);
    await child.press(r.send);
    const code = CODE.exec(child.lastBotText())?.[1];
    if (code) this.codes.push(code);
    else if (!this.options.blind) throw new Missed("no case code after Send");
  }

  private async followUp(child: Child): Promise<void> {
    const f = followup[child.lang];
    await child.send("/status");
    const code = this.codes.length ? this.codes[Math.floor(this.options.random() * this.codes.length)]! : undefined;
    // Before any report of this run is sent, a code that exists nowhere (the bot says so).
    await child.send(code ?? "ZZZZZ-ZZZZZ");
    if (!code) return;
    await child.press(f.add);
    await child.send(FOLLOW_UP[child.lang]);
  }

  /** @internal */ buildText(user: SimulatedUser, text: string): Update {
    return this.updates.text(user, text);
  }

  /** @internal */ buildPress(user: SimulatedUser, messageId: number, data: string): Update {
    return this.updates.press(user, messageId, data);
  }

  /** @internal */ get api(): FakeBotApi {
    return this.options.api;
  }

  /** @internal */ get blind(): boolean {
    return this.options.blind;
  }
}

class Missed extends Error {}

/** One child in its private chat. */
class Child {
  private steps = 0;

  constructor(
    private readonly children: Children,
    private readonly user: SimulatedUser,
    readonly lang: Lang,
  ) {}

  send(text: string): Promise<void> {
    return this.children.deliver(this.children.buildText(this.user, text), this.steps++ === 0);
  }

  /** Taps the button with this label on the newest bot message that has it. */
  press(label: string): Promise<void> {
    for (const message of this.botMessages()) {
      const button = message.reply_markup?.inline_keyboard
        .flat()
        .find((b): b is InlineKeyboardButton.CallbackButton => b.text === label && "callback_data" in b);
      if (button)
        return this.children.deliver(this.children.buildPress(this.user, message.message_id, button.callback_data), this.steps++ === 0);
    }
    return this.blindPress(label);
  }

  /** Taps the first button of the bot's newest message. */
  pressFirst(): Promise<void> {
    const message = this.botMessages()[0];
    const button = message?.reply_markup?.inline_keyboard
      .flat()
      .find((b): b is InlineKeyboardButton.CallbackButton => "callback_data" in b);
    if (message && button)
      return this.children.deliver(this.children.buildPress(this.user, message.message_id, button.callback_data), this.steps++ === 0);
    return this.blindPress("first button");
  }

  lastBotText(): string {
    return this.botMessages()[0]?.text ?? "";
  }

  private blindPress(label: string): Promise<void> {
    if (!this.children.blind) return Promise.reject(new Missed(`no button "${label}"`));
    // The same kind of update the real bot's button would send.
    const messageId = this.botMessages()[0]?.message_id ?? 1;
    return this.children.deliver(this.children.buildPress(this.user, messageId, `b:${label.length}:${this.steps}`), this.steps++ === 0);
  }

  private botMessages() {
    return this.children.api
      .messages(this.user.id)
      .filter((m) => m.from === "bot" && !m.deleted)
      .reverse();
  }
}
