// Prisma CLI configuration. Only `prisma generate` runs through the CLI here; migrations are
// created and applied with Prisma's Wasm schema engine (scripts/db-*.ts, src/db/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
