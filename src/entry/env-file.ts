// Node: reads .env into process.env when the file exists (Node's own parser), before the
// configuration is built. Real environment variables win over the file.
import { existsSync } from "node:fs";

export function loadEnvFile(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
