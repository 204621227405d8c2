// Runs `prisma generate` offline. The Prisma CLI otherwise tries to download its native
// schema-engine binary first (unreachable here); generate itself never runs that engine, so
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable skips the download. Migrations use the
// Wasm schema engine instead (src/db/migrate.ts).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
execFileSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
