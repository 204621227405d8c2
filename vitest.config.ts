import { defineConfig } from "vitest/config";

// Tests that talk to a database run on in-memory PGlite and, when TEST_DATABASE_URL points at a
// PostgreSQL server, once more against it: one schema, two engines.
const databaseTests = ["test/bot/**/*.test.ts", "test/http/**/*.test.ts", "test/db/**/*.test.ts", "test/console/**/*.test.ts"];

export default defineConfig({
  test: {
    // PGlite databases and the Wasm schema engine take a few seconds to start.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/domain/**/*.test.ts"] } },
      { test: { name: "pglite", include: databaseTests, env: { TEST_DB: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            { test: { name: "postgres", include: databaseTests, exclude: ["test/db/drift.test.ts"], env: { TEST_DB: "postgres" } } },
            // The Worker in workerd (wrangler dev) against the test PostgreSQL: bundling and starting it takes a while.
            {
              test: {
                name: "worker",
                include: ["test/worker/**/*.test.ts"],
                env: { TEST_DB: "postgres" },
                testTimeout: 120_000,
                hookTimeout: 300_000,
              },
            },
          ]
        : []),
      { test: { name: "browser", include: ["test/browser/**/*.test.ts"], testTimeout: 60_000 } },
    ],
  },
});
