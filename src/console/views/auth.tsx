import type { Translate } from "../../i18n/i18n.js";
import { Csrf, Layout } from "./layout.js";
import { TotpSetupHelp } from "./totp-setup.js";

export function LoginPage({ t, lang, error, firstRun }: { t: Translate; lang: string; error?: string | undefined; firstRun?: boolean }) {
  return (
    <Layout t={t} lang={lang} title={t("console:sign_in")}>
      <form method="post" action="/console/login" class="login card">
        <h1>{t("console:sign_in")}</h1>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {firstRun && <p class="warn">{t("manage:login_first_run")}</p>}
        <label>
          {t("console:email")}
          <input type="email" name="email" autocomplete="username" required autofocus />
        </label>
        <label>
          {t("console:password")}
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button class="primary" type="submit">
          {t("console:sign_in")}
        </button>
      </form>
    </Layout>
  );
}

export function TotpPage({
  t,
  lang,
  csrf,
  error,
  setup,
}: {
  t: Translate;
  lang: string;
  csrf: string;
  error?: string | undefined;
  setup?: { secret: string; uri: string; sealed: string } | undefined;
}) {
  return (
    <Layout t={t} lang={lang} title={t("console:code")}>
      <form method="post" action={setup ? "/console/totp/setup" : "/console/totp"} class="login card">
        {setup && (
          <>
            <h1>{t("console:totp_setup_title")}</h1>
            <p>{t("manage:totp_why")}</p>
            <TotpSetupHelp t={t} secret={setup.secret} uri={setup.uri} />
            <input type="hidden" name="pending" value={setup.sealed} />
          </>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <Csrf token={csrf} />
        <label>
          {t("console:code")}
          <input
            name="code"
            autocomplete="one-time-code"
            maxlength={32}
            required
            {...(setup ? { inputmode: "numeric", pattern: "[0-9 ]{6,7}" } : { autofocus: true })}
          />
        </label>
        {!setup && <p class="muted">{t("console:totp_recovery_hint")}</p>}
        <button class="primary" type="submit">
          {t("console:continue")}
        </button>
      </form>
      {/* A way back: ends this half-signed-in session and returns to the sign-in page. */}
      <form method="post" action="/console/totp/cancel" class="login-back">
        <Csrf token={csrf} />
        <button type="submit" class="link">
          {t("manage:back_to_sign_in")}
        </button>
      </form>
    </Layout>
  );
}

/** The recovery codes, once, right after the second factor is set up. */
export function RecoveryCodesPage({ t, lang, codes, next }: { t: Translate; lang: string; codes: string[]; next: string }) {
  return (
    <Layout t={t} lang={lang} title={t("console:recovery_title")}>
      <div class="login card">
        <h1>{t("console:recovery_title")}</h1>
        <p>{t("console:recovery_text")}</p>
        <ul id="recovery-codes">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="primary" href={next}>
            {t("console:recovery_saved")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** Changing one's own password; `forced` after an admin's reset or a new account. */
export function PasswordPage({
  t,
  csrf,
  forced,
  flash,
}: {
  t: Translate;
  csrf: string;
  forced: boolean;
  flash?: { kind: "ok" | "error"; text: string } | undefined;
}) {
  return (
    <form method="post" action="/console/password" class="login card">
      <h1>{t("console:password_change")}</h1>
      {forced && <p>{t("console:password_forced")}</p>}
      {flash && (
        <p class={flash.kind} role={flash.kind === "error" ? "alert" : undefined}>
          {flash.text}
        </p>
      )}
      <Csrf token={csrf} />
      <label>
        {t("console:password_current")}
        <input type="password" name="current" autocomplete="current-password" maxlength={256} required autofocus />
      </label>
      <NewPasswordFields t={t} />
      <button class="primary" type="submit">
        {t("console:password_change")}
      </button>
    </form>
  );
}

/** A new password, typed twice, with the rules: changing one's password and the first admin's setup. */
export function NewPasswordFields({ t }: { t: Translate }) {
  return (
    <>
      <label>
        {t("console:password_new")}
        <input type="password" name="password" autocomplete="new-password" minlength={12} maxlength={256} required />
      </label>
      <label>
        {t("console:password_confirm")}
        <input type="password" name="confirm" autocomplete="new-password" minlength={12} maxlength={256} required />
      </label>
      <p class="muted">{t("console:password_rules")}</p>
    </>
  );
}
