// The first-run setup page behind the one-time link the server prints: the newcomer chooses the
// first admin's email and password here, then sets up the second factor.
import type { Translate } from "../../i18n/i18n.js";
import { Layout } from "./layout.js";
import { NewPasswordFields } from "./auth.js";

export function SetupPage({
  t,
  lang,
  token,
  email,
  error,
}: {
  t: Translate;
  lang: string;
  token: string;
  email?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <Layout t={t} lang={lang} title={t("manage:setup_title")}>
      <form method="post" action="/console/setup" class="login card">
        <h1>{t("manage:setup_title")}</h1>
        <p>{t("manage:setup_intro")}</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <input type="hidden" name="token" value={token} />
        <label>
          {t("console:email")}
          <input type="email" name="email" value={email ?? ""} autocomplete="username" maxlength={254} required autofocus />
        </label>
        <NewPasswordFields t={t} />
        <button class="primary" type="submit">
          {t("manage:setup_create")}
        </button>
        <p class="muted">{t("manage:setup_next")}</p>
      </form>
    </Layout>
  );
}

/** A link that was used, ran out, was replaced by a newer one, or came after an admin exists. */
export function SetupClosedPage({ t, lang, reason }: { t: Translate; lang: string; reason: "invalid" | "admin_exists" }) {
  return (
    <Layout t={t} lang={lang} title={t("manage:setup_title")}>
      <div class="login card">
        <h1>{t("manage:setup_title")}</h1>
        <p role="alert">{t(reason === "admin_exists" ? "manage:setup_admin_exists" : "manage:setup_invalid")}</p>
        <p>
          <a class="primary" href="/console/login">
            {t("manage:back_to_sign_in")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
