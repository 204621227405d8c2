// APP_SECRET is the root key for pseudonyms and encryption. Production must set it; the embedded
// mode generates one into the data folder once, so a newcomer needs no setup and restarts keep
// the same pseudonyms.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

export async function resolveAppSecret(config: Config, logger: Logger): Promise<string> {
  if (config.appSecret) return config.appSecret;
  const file = join(config.dataDir, "app-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  logger.warn(
    { file },
    "APP_SECRET not set: generated one for this data folder. Set APP_SECRET in production; losing it makes stored data unreadable.",
  );
  return secret;
}
