// The dashboard: a sign-in with an API key, then pages routed by the URL's hash. Every number on
// screen comes from the hub's API with the user's key, so an agency key sees exactly what the API
// lets it read.
import { api, session } from "./api.js";
import { h } from "./dom.js";
import { lang, setLang, t } from "./i18n.js";
import { agency } from "./views/agency.js";
import { findings } from "./views/findings.js";
import { overview } from "./views/overview.js";
import { runs } from "./views/runs.js";
import { signIn } from "./views/signin.js";

let me = null; // GET /api/agencies: who signed in and the agencies the key may read

function route() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  return { parts: (path || "/").split("/").filter(Boolean), params: new URLSearchParams(query ?? "") };
}

function chrome() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.getElementById("lang").textContent = lang === "vi" ? "English" : "Tiếng Việt";
  document.getElementById("signout").hidden = !session.key;
  const links = !me ? [] : [["#/", "overview"], ["#/findings", "findings"], ...(me.caller.role === "admin" ? [["#/runs", "runs"]] : [])];
  document.getElementById("nav").replaceChildren(...links.map(([href, key]) => h("a", { href, "data-testid": `nav-${key}` }, t(key))));
  const own = me?.agencies.find((a) => a.code === me.caller.agency);
  document.getElementById("who").textContent = !me ? "" : me.caller.role === "admin" ? t("admin") : `${t("agencyKey")}: ${own?.name ?? me.caller.agency}`;
}

let renders = 0;

async function render() {
  // A page still loading when another is asked for (a quick click, or the hash set on sign-in) must
  // not draw over the newer one when its requests come back: only the latest render may draw.
  const generation = ++renders;
  const page = document.getElementById("main");
  const main = { replaceChildren: (...nodes) => { if (generation === renders) page.replaceChildren(...nodes); } };
  if (!session.key) {
    me = null;
    chrome();
    return signIn(main, (answer) => { me = answer; location.hash = "#/"; render(); });
  }
  try {
    me ??= await api("agencies");
  } catch (error) {
    if (error.status === 401) { session.key = null; return render(); }
    throw error;
  }
  chrome();
  const { parts, params } = route();
  main.replaceChildren(h("p", { className: "muted" }, t("loading")));
  try {
    if (parts[0] === "agency") await agency(main, me, decodeURIComponent(parts[1] ?? ""), params);
    else if (parts[0] === "findings") await findings(main, me, params);
    else if (parts[0] === "runs") await runs(main, me);
    else await overview(main, me, params);
  } catch (error) {
    if (error.status === 401) { session.key = null; return render(); }
    main.replaceChildren(h("p", { className: "error", role: "alert", "data-testid": "error" }, error.status === 403 ? t("forbidden") : error.message));
  }
}

document.getElementById("lang").addEventListener("click", () => { setLang(lang === "vi" ? "en" : "vi"); render(); });
document.getElementById("signout").addEventListener("click", () => { session.key = null; location.hash = "#/"; render(); });
window.addEventListener("hashchange", render);
render();
