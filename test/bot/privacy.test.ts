// Plants a known Telegram user (id, name, username) and a unique sentence, goes through a full
// report with a staff reply, then searches every table, the database's own files and the logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { openTestDatabase, testDatabaseKind, type TestDatabase } from "../harness/database.ts";
import { openDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { common, followup, report } from "../harness/locales.ts";

const STAFF_GROUP = -100_777_000_1;
const USER_ID = 6_183_920_457;
const FIRST_NAME = "Zhanargul";
const USERNAME = "zhanargul_kz_2012";
const SENTENCE = "Ағайым Ерболат бізді подвалда жабып қойды 9c41f7";

let h: Harness;
let dataDir: string | undefined;
beforeAll(async () => {
  let database: TestDatabase;
  if (testDatabaseKind() === "pglite") {
    // A database on disk, so that its files can be searched too.
    dataDir = await mkdtemp(join(tmpdir(), "bala-privacy-"));
    const db = await openDatabase({ kind: "pglite", dataDir });
    await applyMigrations(db.adapterFactory);
    database = { ...db, label: "pglite (disk)" };
  } else {
    database = await openTestDatabase();
  }
  h = await createHarness({ database, env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_USER_IDS: "9100" } });
});
afterAll(async () => {
  await h.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function allRows(): Promise<string> {
  const tables = await h.db.$queryRaw<
    { table_name: string }[]
  >`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
  const rows: string[] = [];
  for (const { table_name } of tables) {
    const found = await h.db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
    rows.push(...found.map((r) => r.row));
  }
  return rows.join("\n");
}

async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(entry.parentPath, entry.name));
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, "utf8"))) hits.push(`${entry.name}: ${needle}`);
  }
  return hits;
}

describe("privacy", () => {
  it("no raw Telegram id, name, username or the child's words in the database, its files or the logs", async () => {
    const r = report.kk;
    const child = h.user({ id: USER_ID, first_name: FIRST_NAME, username: USERNAME, language_code: "kk" });
    await child.send("/start");
    await child.send("/menu");
    await child.press(common.kk.menu.report);
    await child.press(r.start);
    await child.press(r.safe_no);
    await child.press(r.continue);
    await child.press(r.cat_physical);
    await child.send(SENTENCE);
    await child.press(r.evidence_skip);
    await child.press(r.contact_yes);
    await child.press(r.send);
    const post = h.api
      .messages(STAFF_GROUP)
      .filter((m) => m.from === "bot")
      .at(-1)!;
    await h.staff({ id: 9100 }, STAFF_GROUP).send("Біз сізге көмектесеміз 5d2e", { replyTo: post.message_id });
    await child.press(followup.kk.open);
    await child.press(followup.kk.add);
    await child.send(`${SENTENCE} тағы`);

    const secrets = [String(USER_ID), FIRST_NAME, USERNAME, SENTENCE, "подвалда", "Біз сізге көмектесеміз"];
    const rows = await allRows();
    expect(rows).toContain("physical"); // the search does see the data
    for (const s of secrets) expect(rows, s).not.toContain(s);

    const logs = h.logs.join("\n");
    expect(logs).toContain("report submitted");
    for (const s of secrets) expect(logs, s).not.toContain(s);

    if (dataDir) {
      await h.db.$executeRawUnsafe("CHECKPOINT");
      expect(await filesContaining(dataDir, ["physical"])).not.toEqual([]);
      expect(await filesContaining(dataDir, secrets)).toEqual([]);
    }
  });
});
