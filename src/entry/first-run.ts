// Node: while no admin account exists, the server prints a one-time link at start to create the
// first one in the browser (valid 24 hours, once; a restart prints a new one and the old stops
// working). The link goes to standard output only, never into the JSON log: it is a secret.
import type { App } from "../app.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { SETUP_LINK_TTL_MS } from "../domain/staff/setup-links.js";

/** The link's address: PUBLIC_URL when set (a real deployment), else this machine's port. */
export function setupUrl(config: Pick<Config, "publicUrl">, port: number, token: string): string {
  const base = config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `http://localhost:${port}`;
  return `${base}/console/setup?token=${token}`;
}

/** Prints the link when it is needed; returns whether it did. */
export async function announceSetupLink(
  app: Pick<App, "setup">,
  config: Pick<Config, "publicUrl">,
  port: number,
  logger: Logger,
  print: (text: string) => void = (text) => console.log(text),
): Promise<boolean> {
  const token = await app.setup.issue();
  if (!token) return false;
  const hours = Math.round(SETUP_LINK_TTL_MS / 3_600_000);
  print(
    [
      "  No admin account yet. Open this one-time link to create the first one",
      `  (valid ${hours} hours, works once; restarting the server prints a new one):`,
      "",
      `    ${setupUrl(config, port, token)}`,
      "",
    ].join("\n"),
  );
  logger.info({ validHours: hours }, "no admin account yet: a one-time setup link was printed on standard output");
  return true;
}
