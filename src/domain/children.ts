// What the bot keeps about a child, keyed by pseudonym only.
import type { Db } from "../db/client.js";
import type { Language } from "../i18n/i18n.js";

export async function savedLanguage(db: Db, pseudonym: string): Promise<string | undefined> {
  const profile = await db.profile.findUnique({ where: { pseudonym }, select: { language: true } });
  return profile?.language ?? undefined;
}

export async function saveLanguage(db: Db, pseudonym: string, language: Language): Promise<void> {
  await db.profile.upsert({ where: { pseudonym }, create: { pseudonym, language }, update: { language } });
}

/** /forget: the profile and the unfinished conversation go. */
export async function forgetChild(db: Db, pseudonym: string): Promise<void> {
  await db.$transaction([db.profile.deleteMany({ where: { pseudonym } }), db.session.deleteMany({ where: { key: pseudonym } })]);
}
