// The embedded database is tuned for a small process, not a database server: its shared buffers
// are 16 MB (PostgreSQL's default, 128 MB, would be this process's memory from the first second).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { testDatabaseKind } from "../harness/database.ts";

describe.skipIf(testDatabaseKind() !== "pglite")("embedded PGlite", () => {
  it("runs with 16 MB of shared buffers, in memory and in a data folder that is opened again", { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "bala-pglite-settings-"));
    try {
      for (const dataDir of [undefined, dir, dir]) {
        const db = await openDatabase({ kind: "pglite", dataDir });
        try {
          const [row] = await db.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>("SHOW shared_buffers");
          expect(row?.shared_buffers).toBe("16MB");
          // Still a working database: the rest of PostgreSQL's settings are PGlite's own.
          const [sum] = await db.prisma.$queryRawUnsafe<{ n: number }[]>("SELECT 40 + 2 AS n");
          expect(Number(sum?.n)).toBe(42);
        } finally {
          await db.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
