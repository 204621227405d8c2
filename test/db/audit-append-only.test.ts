// The audit log is append-only in the database: the app's own connection cannot change or
// delete an entry, so no one holding its credentials can cover their tracks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../harness/database.ts";
import { audit } from "../../src/domain/staff/audit.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("audit log", () => {
  it("accepts new entries and refuses updates, deletes and truncation", async () => {
    const db = database.prisma;
    await audit(db, "staff-1", "case.view", 12);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { actor: "staff-1" } });
    await expect(db.auditEntry.update({ where: { id: entry.id }, data: { action: "nothing.happened" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.auditEntry.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEntry"')).rejects.toThrow(/append-only/);
    expect(await db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ action: "case.view", target: "12" });
  });
});
