import type { Translate } from "../../i18n/i18n.js";
import { Csrf, Layout } from "./layout.js";

export function LoginPage({ t, lang, error }: { t: Translate; lang: string; error?: string | undefined }) {
  return (
    <Layout t={t} lang={lang} title={t("console:sign_in")}>
      <form method="post" action="/console/login" class="login card">
        <h1>{t("console:sign_in")}</h1>
        {error && <p class="error" role="alert">{error}</p>}
        <label>
          {t("console:email")}
          <input type="email" name="email" autocomplete="username" required autofocus />
        </label>
        <label>
          {t("console:password")}
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button class="primary" type="submit">{t("console:sign_in")}</button>
      </form>
    </Layout>
  );
}

export function TotpPage({ t, lang, csrf, error, setup }: { t: Translate; lang: string; csrf: string; error?: string | undefined; setup?: { secret: string; uri: string; sealed: string } | undefined }) {
  return (
    <Layout t={t} lang={lang} title={t("console:code")}>
      <form method="post" action={setup ? "/console/totp/setup" : "/console/totp"} class="login card">
        {setup && (
          <>
            <h1>{t("console:totp_setup_title")}</h1>
            <p>{t("console:totp_setup_text")}</p>
            <p>
              {t("console:totp_key")}: <code id="totp-secret">{setup.secret}</code>
            </p>
            <p class="muted">
              <a href={setup.uri}>{setup.uri}</a>
            </p>
            <input type="hidden" name="pending" value={setup.sealed} />
          </>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        <Csrf token={csrf} />
        <label>
          {t("console:code")}
          <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required autofocus />
        </label>
        <button class="primary" type="submit">{t("console:continue")}</button>
      </form>
    </Layout>
  );
}
