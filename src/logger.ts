// Structured JSON logs. The logger is injected, never imported as a singleton, and the app
// logs ids and outcomes only: never message texts, names, usernames or raw Telegram ids.
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";

export type Logger = Pick<PinoLogger, "info" | "warn" | "error" | "debug" | "fatal" | "child">;

/** Error name and message only: database errors can quote query values. */
export function errorSummary(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 300) };
  return { name: "Unknown", message: String(error).slice(0, 300) };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "bala-help-bot" },
      // A second line of defence: if a Telegram object is ever logged by mistake, these
      // fields are removed rather than written.
      redact: {
        paths: [
          "*.text",
          "*.first_name",
          "*.last_name",
          "*.username",
          "*.from",
          "*.chat",
          "*.phone_number",
          "update",
          "*.update",
          "payload",
        ],
        remove: true,
      },
    },
    destination,
  );
}
