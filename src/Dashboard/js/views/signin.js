import { api, session } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** The sign-in form: the key is checked against the API before it is kept. */
export function signIn(main, signedIn) {
  const input = h("input", { type: "password", id: "key", name: "key", autocomplete: "off", required: true, "data-testid": "key" });
  const message = h("p", { className: "error", role: "alert", "data-testid": "signin-error" });
  const form = h("form", { className: "card signin" },
    h("h2", {}, t("signIn")),
    h("p", { className: "muted" }, t("signInHelp")),
    h("label", { for: "key" }, t("apiKey")), input,
    h("button", { type: "submit", "data-testid": "signin" }, t("signIn")),
    message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    session.key = input.value.trim();
    try {
      signedIn(await api("agencies"));
    } catch (error) {
      session.key = null;
      message.textContent = error.status === 401 ? t("badKey") : error.message;
    }
  });
  main.replaceChildren(form);
  input.focus();
}
