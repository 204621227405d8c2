// A browser-like client for the console over app.http.request: keeps the cookie, sends the
// Origin header a browser sends, and reads the CSRF token from the last page.
import type { Hono } from "hono";

export class ConsoleClient {
  cookie = "";
  csrf = "";
  lastHtml = "";

  constructor(
    private readonly http: Hono,
    private readonly origin = "http://localhost",
  ) {}

  async get(path: string): Promise<Response> {
    const res = await this.http.request(`${this.origin}${path}`, { headers: this.headers() });
    await this.remember(res);
    return res;
  }

  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean; origin?: string } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    if (options.csrf !== false && this.csrf) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const res = await this.http.request(`${this.origin}${path}`, {
      method: "POST",
      headers: { ...this.headers(), "content-type": "application/x-www-form-urlencoded", origin: options.origin ?? this.origin },
      body: body.toString(),
    });
    await this.remember(res);
    return res;
  }

  async signIn(email: string, password: string): Promise<Response> {
    return this.post("/console/login", { email, password }, { csrf: false });
  }

  private headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }

  private async remember(res: Response): Promise<void> {
    const set = res.headers.get("set-cookie");
    const session = set?.match(/bala_console=([^;]*)/);
    if (session) this.cookie = session[1] ? `bala_console=${session[1]}` : "";
    if ((res.headers.get("content-type") ?? "").includes("text/html")) {
      this.lastHtml = await res.clone().text();
      const token = /name="_csrf" value="([0-9a-f]+)"/.exec(this.lastHtml)?.[1];
      if (token) this.csrf = token;
    }
  }
}
