// What a baseline bot reads from its environment: the same variables the real server reads,
// so the benchmark starts all three the same way.
import type { UserFromGetMe } from "grammy/types";

export interface BaselineEnv {
  token: string;
  apiRoot: string;
  secret: string;
  port: number;
  botInfo: UserFromGetMe;
  databaseUrl: string | undefined;
}

export function baselineEnv(env: NodeJS.ProcessEnv = process.env): BaselineEnv {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  return {
    token: need("BOT_TOKEN"),
    apiRoot: need("TELEGRAM_API_ROOT"),
    secret: need("WEBHOOK_SECRET"),
    port: Number(need("PORT")),
    // Known identity, as the real server gets it (BOT_INFO): no getMe call.
    botInfo: JSON.parse(need("BOT_INFO")) as UserFromGetMe,
    databaseUrl: env.DATABASE_URL,
  };
}
