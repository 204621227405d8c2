// Fails when prisma/schema.prisma and prisma/migrations disagree: create the missing migration
// with `npm run db:new-migration -- <name>`.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { diffSchemaAgainstMigrations } from "../../src/db/migrate.ts";

describe("migrations", () => {
  it("match schema.prisma", async () => {
    const db = await openDatabase({ kind: "pglite", dataDir: undefined });
    try {
      expect(await diffSchemaAgainstMigrations(db.adapterFactory)).toBe("");
    } finally {
      await db.close();
    }
  });
});
