// Sign-in hardening over HTTP: throttling that holds under parallel guessing (per email and per
// client address, growing delays instead of a lock), one answer for unknown, throttled and
// disabled accounts, a second factor for every role with its own counter, codes never taken
// twice, recovery codes, a new session token after each step, the password policy, changing and
// resetting passwords, a cap on parallel hashing, and 400 (never 500) for malformed input.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Hono } from "hono";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { ConsoleClient } from "../harness/console-client.ts";
import { enrolment, recoveryCodesIn, secondFactor, setupFields, signInFully } from "./staff-sign-in.ts";
import { clientAddress, addressBucket } from "../../src/console/security.ts";
import type { ConsoleEnv } from "../../src/console/context.ts";
import { throttlePolicies } from "../../src/domain/staff/throttle.ts";
import { hashLimits, passwordProblem, PasswordBusyError, verifyPassword } from "../../src/domain/staff/passwords.ts";
import consoleRu from "../../locales/ru/console.json" with { type: "json" };

const PASSWORD = "correct horse battery 42";
let h: Harness;
let n = 0;
/** A new operator with its own email (so each test has its own counters). */
async function newStaff(role: "OPERATOR" | "SUPERVISOR" | "ADMIN" = "OPERATOR"): Promise<string> {
  const email = `staff${++n}@ombudsman.kz`;
  await h.app.accounts.create({ email, password: PASSWORD, role, regions: role === "OPERATOR" ? ["almaty"] : [] });
  return email;
}
const cookieOf = (res: Response) => /bala_console=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

describe("password throttling", () => {
  it("30 sign-ins sent at once, the right password last: none gets in, and at most 5 are hashed", async () => {
    const email = await newStaff();
    const attempts = Array.from({ length: 30 }, (_, i) =>
      new ConsoleClient(h.app.http).signIn(email, i === 29 ? PASSWORD : `wrong guess number ${i}`),
    );
    const answers = await Promise.all(attempts);
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(401));
    expect(answers.some((r) => cookieOf(r))).toBe(false);
    const checked = await h.db.auditEntry.count({ where: { target: email, action: { in: ["signin.invalid"] } } });
    const throttled = await h.db.auditEntry.count({ where: { target: email, action: "signin.throttled" } });
    expect(checked).toBeLessThanOrEqual(throttlePolicies.email.free);
    expect(checked + throttled).toBe(30);
  });

  it("delays grow instead of locking: 5 s after 5 failures, then 10 s, and the right password works once waited", async () => {
    const email = await newStaff();
    vi.useFakeTimers({ toFake: ["Date"] });
    const c = new ConsoleClient(h.app.http);
    for (let i = 0; i < 5; i++) expect((await c.signIn(email, "wrong password!!")).status).toBe(401);
    expect((await c.signIn(email, PASSWORD)).status).toBe(401); // must wait 5 s
    later(5_100);
    expect((await c.signIn(email, "wrong again!!!!")).status).toBe(401); // the 6th failure: now 10 s
    later(5_100);
    expect((await c.signIn(email, PASSWORD)).status).toBe(401);
    later(5_100);
    expect((await c.signIn(email, PASSWORD)).headers.get("location")).toBe("/console/totp");
  });

  it("an unknown email, a throttled account and a disabled account get the same answer", async () => {
    const throttledEmail = await newStaff();
    const disabledEmail = await newStaff();
    await h.app.accounts.setActive((await h.db.staffAccount.findUniqueOrThrow({ where: { email: disabledEmail } })).id, false);
    const c = new ConsoleClient(h.app.http);
    for (let i = 0; i < 5; i++) await c.signIn(throttledEmail, "wrong password!!");

    const timed = async (email: string, password: string) => {
      const started = performance.now();
      const res = await c.signIn(email, password);
      return { status: res.status, cookie: cookieOf(res), body: await res.text(), ms: performance.now() - started };
    };
    const unknown = await timed("nobody@ombudsman.kz", PASSWORD);
    const throttled = await timed(throttledEmail, PASSWORD);
    const disabled = await timed(disabledEmail, PASSWORD);
    for (const answer of [unknown, throttled, disabled]) {
      expect(answer.status).toBe(401);
      expect(answer.cookie).toBeUndefined();
      expect(answer.body).toBe(unknown.body);
    }
    expect(unknown.body).toContain(consoleRu.login_failed);
    // A throttled attempt is not hashed, but it is not answered at once either.
    expect(throttled.ms).toBeGreaterThan(Math.min(unknown.ms, disabled.ms) / 4);
    const audit = await h.db.auditEntry.findMany({
      where: {
        target: { in: ["nobody@ombudsman.kz", throttledEmail, disabledEmail] },
        action: { in: ["signin.invalid", "signin.throttled", "signin.disabled"] },
      },
      orderBy: { at: "desc" },
      take: 3,
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["signin.disabled", "signin.invalid", "signin.throttled"]);
  });

  it("counts attempts per client address too, across emails (socket address from the server binding)", async () => {
    const saved = throttlePolicies.address.free;
    throttlePolicies.address.free = 3;
    try {
      const victim = await newStaff();
      const post = (email: string, password: string, remoteAddress: string) =>
        h.app.http.request(
          "http://localhost/console/login",
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
            body: new URLSearchParams({ email, password }).toString(),
          },
          { incoming: { socket: { remoteAddress } } },
        );
      for (let i = 0; i < 3; i++) expect((await post(`sprayed${i}@ombudsman.kz`, "Summer2026!!", "203.0.113.9")).status).toBe(401);
      // From that address even a right password waits; from another address it works.
      expect((await post(victim, PASSWORD, "203.0.113.9")).status).toBe(401);
      expect((await post(victim, PASSWORD, "198.51.100.7")).status).toBe(302);
      expect(await h.db.signInThrottle.findUnique({ where: { key: "addr:203.0.113.9" } })).not.toBeNull();
    } finally {
      throttlePolicies.address.free = saved;
    }
  });
});

describe("the client address", () => {
  const probe = (trustProxy: number) => {
    const app = new Hono<ConsoleEnv>();
    app.get("/", (c) => c.text(clientAddress(c, trustProxy)));
    return app;
  };
  const socket = { incoming: { socket: { remoteAddress: "::ffff:10.0.0.5" } } };

  it("ignores X-Forwarded-For unless TRUST_PROXY is set, then takes the entry our proxy added", async () => {
    const xff = { "x-forwarded-for": "6.6.6.6, 203.0.113.50" };
    expect(await (await probe(0).request("/", { headers: xff }, socket)).text()).toBe("10.0.0.5");
    expect(await (await probe(1).request("/", { headers: xff }, socket)).text()).toBe("203.0.113.50");
    expect(await (await probe(2).request("/", { headers: xff }, socket)).text()).toBe("6.6.6.6");
    expect(await (await probe(1).request("/", { headers: { "x-forwarded-for": "<script>" } }, socket)).text()).toBe("10.0.0.5");
    // No socket and no Cloudflare request: unknown (a forged CF-Connecting-IP is not believed).
    expect(await (await probe(0).request("/", { headers: { "cf-connecting-ip": "1.2.3.4" } })).text()).toBe("unknown");
  });

  it("counts IPv6 clients by /64", () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("192.0.2.1")).toBe("192.0.2.1");
  });
});

describe("the second factor", () => {
  it("a supervisor (like every role) must set up TOTP before seeing anything", async () => {
    const email = await newStaff("SUPERVISOR");
    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn(email, PASSWORD)).headers.get("location")).toBe("/console/totp");
    for (const path of ["/console", "/console/stats", "/console/reports/1", "/console/password"])
      expect((await c.get(path)).headers.get("location"), path).toBe("/console/totp");
    await c.get("/console/totp");
    expect(c.lastHtml).toContain('id="totp-secret"');
  });

  it("20 wrong codes, then the right one: refused, and the password step waits too", async () => {
    const email = await newStaff();
    await signInFully(h, email, PASSWORD);
    const secret = enrolment(h, email)!.secret;
    vi.useFakeTimers({ toFake: ["Date"] });
    later(30_000);
    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn(email, PASSWORD)).status).toBe(302);
    await c.get("/console/totp");
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await c.post("/console/totp", { code: String(100000 + i) })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(302); // the 5th: session ended, back to the password
    expect(statuses.slice(5).every((s) => s === 401)).toBe(true);
    expect((await c.post("/console/totp", { code: h.app.accounts.codeFor(secret, email) })).status).toBe(401);
    // A new sign-in with the right password is held back, and so are codes, even much later on
    // a new session: a correct password does not reset the count of wrong codes.
    expect((await c.signIn(email, PASSWORD)).status).toBe(401);
    later(61_000);
    const again = new ConsoleClient(h.app.http);
    expect((await again.signIn(email, PASSWORD)).status).toBe(302);
    await again.get("/console/totp");
    expect((await again.post("/console/totp", { code: "000000" })).status).toBe(302); // 6th wrong code: ended again
    expect((await again.signIn(email, PASSWORD)).status).toBe(401);
    expect(await h.db.auditEntry.count({ where: { action: "signin.totp_ended" } })).toBeGreaterThanOrEqual(2);
  });

  it("a code that was accepted once is refused again, in the same session or a new one", async () => {
    const email = await newStaff();
    await signInFully(h, email, PASSWORD);
    const secret = enrolment(h, email)!.secret;
    vi.useFakeTimers({ toFake: ["Date"] });
    later(30_000);
    const code = h.app.accounts.codeFor(secret, email);
    const first = new ConsoleClient(h.app.http);
    await first.signIn(email, PASSWORD);
    await first.get("/console/totp");
    expect((await first.post("/console/totp", { code })).headers.get("location")).toBe("/console");
    const second = new ConsoleClient(h.app.http);
    await second.signIn(email, PASSWORD);
    await second.get("/console/totp");
    expect((await second.post("/console/totp", { code })).status).toBe(401);
    expect(second.lastHtml).toContain(consoleRu.totp_invalid);
    // Two browsers racing with one code: exactly one gets in.
    later(30_000);
    const next = h.app.accounts.codeFor(secret, email);
    const [a, b] = [new ConsoleClient(h.app.http), new ConsoleClient(h.app.http)];
    for (const x of [a, b]) {
      await x.signIn(email, PASSWORD);
      await x.get("/console/totp");
    }
    const raced = await Promise.all([a.post("/console/totp", { code: next }), b.post("/console/totp", { code: next })]);
    expect(raced.map((r) => r.status).sort()).toEqual([302, 401]);
  });

  it("the session cookie changes after the password and after the second factor; old ones stop working", async () => {
    const email = await newStaff();
    const c = await signInFully(h, email, PASSWORD);
    const before = c.cookie;
    const password = await c.signIn(email, PASSWORD);
    const afterPassword = cookieOf(password);
    expect(afterPassword).toBeTruthy();
    expect(`bala_console=${afterPassword}`).not.toBe(before);
    // The session the browser came with is gone.
    const old = new ConsoleClient(h.app.http);
    old.cookie = before;
    expect((await old.get("/console")).headers.get("location")).toBe("/console/login");

    await c.get("/console/totp");
    await h.db.staffAccount.update({ where: { email }, data: { totpLastStep: null } });
    const done = await c.post("/console/totp", { code: h.app.accounts.codeFor(enrolment(h, email)!.secret, email) });
    const afterTotp = cookieOf(done);
    expect(afterTotp).toBeTruthy();
    expect(afterTotp).not.toBe(afterPassword);
    const half = new ConsoleClient(h.app.http);
    half.cookie = `bala_console=${afterPassword}`;
    expect((await half.get("/console/totp")).headers.get("location")).toBe("/console/login");
    expect((await c.get("/console")).status).toBe(200);
  });

  it("10 recovery codes are shown once at setup, stored hashed, and each works once instead of a code", async () => {
    const email = await newStaff();
    const c = new ConsoleClient(h.app.http);
    await c.signIn(email, PASSWORD);
    await c.get("/console/totp");
    const { secret, pending } = setupFields(c.lastHtml);
    await c.post("/console/totp/setup", { pending, code: h.app.accounts.codeFor(secret, email) });
    const codes = recoveryCodesIn(c.lastHtml);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await h.db.staffAccount.findUniqueOrThrow({ where: { email } });
    expect(stored.recoveryCodes).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));

    const use = async (code: string) => {
      const x = new ConsoleClient(h.app.http);
      await x.signIn(email, PASSWORD);
      await x.get("/console/totp");
      return x.post("/console/totp", { code });
    };
    expect((await use(codes[0]!.toUpperCase())).headers.get("location")).toBe("/console");
    expect((await use(codes[0]!)).status).toBe(401);
    expect((await use(codes[1]!.replace("-", " "))).headers.get("location")).toBe("/console");
    expect((await h.db.staffAccount.findUniqueOrThrow({ where: { email } })).recoveryCodes).toHaveLength(8);
    expect(await h.db.auditEntry.count({ where: { action: "signin.recovery_code" } })).toBe(2);
  });
});

describe("passwords", () => {
  it("the policy refuses weak and common passwords such as password1234", () => {
    for (const weak of ["password1234", "Qwerty123456!", "ombudsman2026", "111111111111", "aaaaaaaaaaaaaaaa"])
      expect(passwordProblem(weak, { email: "a@b.kz" }), weak).toBe("too_weak");
    expect(passwordProblem("short1!")).toBe("too_short");
    expect(passwordProblem("x".repeat(300))).toBe("too_long");
    expect(passwordProblem(PASSWORD)).toBeUndefined();
    expect(passwordProblem("Ақсай таулары биік 1987")).toBeUndefined();
  });

  it("an admin cannot create an account with password1234; the message says why", async () => {
    const admin = await newStaff("ADMIN");
    const c = await signInFully(h, admin, PASSWORD);
    const res = await c.post("/console/staff", {
      email: "new.op@ombudsman.kz",
      password: "password1234",
      role: "OPERATOR",
      regions: "almaty",
    });
    expect(res.status).toBe(400);
    expect(c.lastHtml).toContain(consoleRu.password_too_weak);
    expect(await h.db.staffAccount.count({ where: { email: "new.op@ombudsman.kz" } })).toBe(0);
  });

  it("staff change their own password: current one needed, weak ones refused, other sessions end", async () => {
    const email = await newStaff();
    const c = await signInFully(h, email, PASSWORD);
    const other = await signInFully(h, email, PASSWORD);
    await c.get("/console/password");
    expect(
      (
        await c.post("/console/password", {
          current: "not my password!",
          password: "пять медленных слонов 17",
          confirm: "пять медленных слонов 17",
        })
      ).status,
    ).toBe(401);
    expect((await c.post("/console/password", { current: PASSWORD, password: "password1234", confirm: "password1234" })).status).toBe(400);
    expect(c.lastHtml).toContain(consoleRu.password_too_weak);
    expect(
      (await c.post("/console/password", { current: PASSWORD, password: "пять медленных слонов 17", confirm: "пять медленных слонов 18" }))
        .status,
    ).toBe(400);
    const before = c.cookie;
    const changed = await c.post("/console/password", {
      current: PASSWORD,
      password: "пять медленных слонов 17",
      confirm: "пять медленных слонов 17",
    });
    expect(changed.headers.get("location")).toBe("/console/password?flash=changed");
    expect(c.cookie).not.toBe(before);
    expect((await c.get("/console")).status).toBe(200);
    expect((await other.get("/console")).headers.get("location")).toBe("/console/login");
    expect((await new ConsoleClient(h.app.http).signIn(email, PASSWORD)).status).toBe(401);
    expect((await new ConsoleClient(h.app.http).signIn(email, "пять медленных слонов 17")).status).toBe(302);
  });

  it("an admin's reset gives a temporary password, ends sessions, can reset TOTP, and forces a change", async () => {
    const admin = await signInFully(h, await newStaff("ADMIN"), PASSWORD);
    const email = await newStaff();
    const victimSession = await signInFully(h, email, PASSWORD);
    const id = (await h.db.staffAccount.findUniqueOrThrow({ where: { email } })).id;
    await admin.get("/console/staff");
    expect((await admin.post(`/console/staff/${id}/reset`, { totp: "1" })).status).toBe(200);
    const temporary = /id="temporary-password">([^<]+)</.exec(admin.lastHtml)?.[1];
    expect(temporary).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect((await victimSession.get("/console")).headers.get("location")).toBe("/console/login");
    expect((await h.db.staffAccount.findUniqueOrThrow({ where: { id } })).totpSealed).toBeNull();

    const c = new ConsoleClient(h.app.http);
    expect((await c.signIn(email, PASSWORD)).status).toBe(401);
    expect((await c.signIn(email, temporary!)).headers.get("location")).toBe("/console/totp");
    await c.get("/console/totp");
    const { secret, pending } = setupFields(c.lastHtml);
    await c.post("/console/totp/setup", { pending, code: h.app.accounts.codeFor(secret, email) });
    expect(c.lastHtml).toContain('href="/console/password"');
    expect((await c.get("/console")).headers.get("location")).toBe("/console/password");
    await c.get("/console/password");
    expect(c.lastHtml).toContain(consoleRu.password_forced);
    expect(
      (
        await c.post("/console/password", {
          current: temporary!,
          password: "сары қасқыр түнде ұлиды 5",
          confirm: "сары қасқыр түнде ұлиды 5",
        })
      ).status,
    ).toBe(302);
    expect((await c.get("/console")).status).toBe(200);
  });
});

describe("hashing and malformed input", () => {
  it("at most a few hashes at a time: beyond the queue the answer is 'try again' (503), never a pile-up", async () => {
    const saved = { ...hashLimits };
    Object.assign(hashLimits, { slots: 1, queue: 0 });
    try {
      const results = await Promise.allSettled([
        verifyPassword("a", "scrypt$32768$8$1$AAAA$AAAA"),
        verifyPassword("b", "scrypt$32768$8$1$AAAA$AAAA"),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(PasswordBusyError);
      const answers = await Promise.all(
        ["busy1@ombudsman.kz", "busy2@ombudsman.kz", "busy3@ombudsman.kz"].map((e) => new ConsoleClient(h.app.http).signIn(e, PASSWORD)),
      );
      expect(answers.map((r) => r.status)).toContain(503);
      expect(answers.every((r) => r.status === 401 || r.status === 503)).toBe(true);
    } finally {
      Object.assign(hashLimits, saved);
    }
  });

  it("NUL bytes, over-long or repeated fields, files and broken bodies get 400, not 500", async () => {
    const email = await newStaff();
    const c = new ConsoleClient(h.app.http);
    const login = (body: BodyInit, type = "application/x-www-form-urlencoded") =>
      h.app.http.request("http://localhost/console/login", {
        method: "POST",
        headers: { "content-type": type, origin: "http://localhost" },
        body,
      });
    expect((await c.signIn(`${email}\u0000`, PASSWORD)).status).toBe(400);
    expect((await c.signIn(email, `${PASSWORD}\u0000`)).status).toBe(400);
    expect((await login("email=a%00b%40c.kz&password=x")).status).toBe(400);
    expect((await login(`email=${"a".repeat(400)}%40c.kz&password=x`)).status).toBe(400);
    expect((await login("email=a%40b.kz&email=c%40d.kz&password=x")).status).toBe(400);
    expect((await login("password=x")).status).toBe(400);
    expect((await login("email=%E0%A4%A&password=%ZZ")).status).toBeLessThan(500);
    const form = new FormData();
    form.append("email", new File(["x"], "x.txt"));
    form.append("password", "x");
    const multipart = await h.app.http.request("http://localhost/console/login", {
      method: "POST",
      headers: { origin: "http://localhost" },
      body: form,
    });
    expect(multipart.status).toBe(400);
    expect((await login("--broken\r\nnot multipart", "multipart/form-data; boundary=zzz")).status).toBeLessThan(500);

    const signedIn = await signInFully(h, email, PASSWORD);
    // Every console form, not only sign-in: a NUL byte in a note is refused before the database.
    expect((await signedIn.post("/console/reports/1/note", { text: "a\u0000b" })).status).toBe(400);
    await signedIn.get("/console/password");
    expect((await signedIn.post("/console/password", { current: `x\u0000`, password: "a", confirm: "a" })).status).toBe(400);
    const half = new ConsoleClient(h.app.http);
    await half.signIn(email, PASSWORD);
    await half.get("/console/totp");
    expect((await half.post("/console/totp", { code: "12\u00003456" })).status).toBe(400);
    expect((await half.post("/console/totp", { code: ["123456", "654321"] })).status).toBe(400);
    await secondFactor(h, half, email);
  });
});
