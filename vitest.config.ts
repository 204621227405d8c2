import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite databases and the Wasm schema engine take a few seconds to start.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
