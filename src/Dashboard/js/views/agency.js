// One agency: its sources, KPIs, Decision 766 groups, LGSP applications, data services, open
// findings by rule (each a link to the findings) and its procedures with their activity.
import { agencyPath, api } from "../api.js";
import { badge, h, section, table } from "../dom.js";
import { dateTime, number, percent, t } from "../i18n.js";
import { ruleName } from "../rules.js";
import { kpiSections } from "./kpis.js";
import { periodPicker } from "./period.js";
import { sourcesSection } from "./sources.js";

export async function agency(main, me, code, params) {
  const period = params.get("period") ?? me.period;
  const path = agencyPath(code);
  const [status, kpis, services, due] = await Promise.all([api(`${path}/status`), api(`${path}/kpis`, { period }), api(`${path}/services`, { period }), api(`${path}/due`)]);
  const a = status.agency;
  const open = Object.entries(status.openFindings);

  main.replaceChildren(
    h("div", { className: "heading" },
      h("h1", { "data-testid": "agency-title" }, a.name ?? a.code),
      h("span", { className: "muted" }, `${a.code} · ${t(a.level ?? "")}`),
      periodPicker(period, me.periods)),
    sourcesSection(status.sources),
    dueSection(due),
    h("div", { className: "columns" }, ...kpiSections(kpis)),
    section(`${t("openFindings")} (${number(open.reduce((n, [, c]) => n + c, 0))})`,
      open.length === 0 ? h("p", { className: "muted" }, t("nothing")) : table([t("rule"), t("openFindings")], open.map(([rule, count]) =>
        h("tr", { "data-rule": rule },
          h("th", { scope: "row" }, h("a", { href: `#/findings?agency=${encodeURIComponent(a.code)}&rule=${rule}` }, ruleName(rule))),
          h("td", { className: "num" }, number(count)))), { "data-testid": "open-by-rule" })),
    section(t("applications"), status.applications.length === 0 ? h("p", { className: "muted" }, t("nothing"))
      : table([t("application"), t("connection"), t("lastSeen")], status.applications.map((x) =>
        h("tr", {}, h("th", { scope: "row" }, x.name), h("td", {}, badge(x.state, t(x.state))), h("td", {}, dateTime(x.lastSeen)))))),
    section(t("dataServices"), status.dataServices.length === 0 ? h("p", { className: "muted" }, t("nothing"))
      : table([t("dataServices"), t("role"), t("state"), t("failureShare")], status.dataServices.map((x) =>
        h("tr", {}, h("th", { scope: "row" }, x.name), h("td", {}, x.role), h("td", {}, badge(x.state, t(x.state))), h("td", { className: "num" }, percent(x.failureShare)))))),
    section(t("services"), services.procedures.length === 0 ? h("p", { className: "muted" }, t("nothing"))
      : table([t("procedure"), t("fullOnline"), t("dossiers"), t("onlineShare"), t("paidOnlineShare")], services.procedures.map((p) =>
        h("tr", { "data-procedure": p.code }, h("th", { scope: "row" }, p.name), h("td", {}, p.providedFullOnline ? "✓" : ""),
          h("td", { className: "num" }, number(p.dossiers)), h("td", { className: "num" }, percent(p.onlineShare)), h("td", { className: "num" }, percent(p.paidOnlineShare)))),
      { "data-testid": "services-table" })));
}

/** The weekly review: open dossiers overdue, then due within the week, earliest due first. */
function dueSection(due) {
  const row = (d, kind) => h("tr", { "data-dossier": d.code, "data-kind": kind },
    h("th", { scope: "row" }, d.code), h("td", {}, d.procedure), h("td", {}, dateTime(d.due)), h("td", {}, d.handlerName ?? d.handler ?? ""),
    h("td", {}, badge(kind === "overdue" ? "notmet" : "unjudged", t(kind)), d.waiting ? ` ${t("waiting")}` : ""));
  const rows = [...due.overdue.map((d) => row(d, "overdue")), ...due.dueSoon.map((d) => row(d, "dueSoon"))];
  return section(`${t("dueReview")}: ${number(due.overdue.length)} ${t("overdue").toLowerCase()}, ${number(due.dueSoon.length)} ${t("dueSoon").toLowerCase()}`,
    rows.length === 0 ? h("p", { className: "muted" }, t("nothing"))
      : table([t("dossier"), t("procedure"), t("due"), t("handler"), t("state")], rows, { "data-testid": "due-table" }));
}
