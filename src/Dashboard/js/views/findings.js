// Findings with filters (rule, agency, status) kept in the URL, a page at a time. ICT staff read all
// agencies; an agency key chooses among the agencies it may read.
import { agencyPath, api } from "../api.js";
import { badge, h, section, table } from "../dom.js";
import { dateTime, t } from "../i18n.js";
import { ruleName, rules } from "../rules.js";

const pageSize = 100;

export async function findings(main, me, params) {
  const admin = me.caller.role === "admin";
  const agency = params.get("agency") ?? (admin ? "" : me.caller.agency);
  const rule = params.get("rule") ?? "";
  const status = params.get("status") ?? "open";

  const select = (name, value, options) => h("select", { name, "data-testid": `filter-${name}` },
    options.map(([v, label]) => h("option", { value: v, selected: v === value }, label)));
  const form = h("form", { className: "filters", "data-testid": "finding-filters" },
    select("rule", rule, [["", t("all")], ...rules.map((r) => [r, ruleName(r)])]),
    select("agency", agency, [...(admin ? [["", t("all")]] : []), ...me.agencies.map((a) => [a.code, `${a.name} (${a.code})`])]),
    select("status", status, [["open", t("open")], ["resolved", t("resolved")], ["all", t("all")]]),
    h("button", { type: "submit" }, t("filter")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    location.hash = `#/findings?${chosen}`;
  });

  const body = h("tbody");
  const more = h("button", { type: "button", hidden: true, "data-testid": "more" }, t("more"));
  const count = h("span", { className: "muted", "data-testid": "finding-count" });
  const load = async (continuation) => {
    const query = { rule, status, pageSize: String(pageSize), continuation };
    const page = admin && !agency ? await api("findings", query) : admin ? await api("findings", { ...query, agency }) : await api(`${agencyPath(agency)}/findings`, query);
    body.append(...page.items.map((f) => h("tr", { "data-rule": f.rule, "data-agency": f.agency },
      h("td", {}, ruleName(f.rule)), h("td", {}, f.agency), h("td", { className: "subject" }, f.subject),
      h("td", {}, badge(f.status === "open" ? "notmet" : "met", t(f.status))), h("td", {}, dateTime(f.firstSeen)), h("td", {}, dateTime(f.lastSeen)))));
    count.textContent = String(body.children.length);
    list.querySelector("table").dataset.loaded = String(body.children.length);
    more.hidden = !page.continuation;
    more.onclick = () => load(page.continuation);
  };
  // data-query and data-loaded tell a reader (and the browser tests) which query the rows answer, once loaded.
  const list = table([t("rule"), t("agency"), t("subject"), t("status"), t("firstSeen"), t("lastSeen")], [],
    { "data-testid": "finding-table", "data-query": `${agency}|${rule}|${status}` });
  list.querySelector("table").replaceChild(body, list.querySelector("tbody"));
  main.replaceChildren(h("h1", {}, t("findings")), section(t("filter"), form), section(t("findings"), h("p", {}, count), list, more));
  await load(undefined);
}
