// A scope's KPIs of a period (the answer of /api/kpis or /api/agencies/{code}/kpis): bars against
// the plan's targets, the Decision 766 groups, and the same figures as tables.
import { kpiBars, scores } from "../charts.js";
import { badge, h, section, table } from "../dom.js";
import { kpiName, number, percent, t } from "../i18n.js";

const scorePrefix = "score766.";
const isScore = (k) => k.kpi.startsWith(scorePrefix);
const shown = (k) => (k.denominator === null ? number(k.value) : percent(k.value));
// A count's target is a floor, or a ceiling when lower is better (atMost).
const shownTarget = (k) => (k.target === null ? t("none") : k.denominator === null ? `${k.atMost ? "≤" : "≥"} ${number(k.target)}` : percent(k.target));

function kpiRow(k) {
  return h("tr", { "data-kpi": k.kpi },
    h("th", { scope: "row" }, kpiName(k.kpi)),
    h("td", { className: "num", "data-field": "value" }, shown(k)),
    h("td", { className: "num", "data-field": "target", title: k.targetPlan }, shownTarget(k)),
    h("td", { "data-field": "met" }, k.met === null ? t("none") : badge(k.met ? "met" : "notmet", k.met ? t("yes") : t("no"))),
    h("td", { className: "num", "data-field": "numerator" }, number(k.numerator)),
    h("td", { className: "num", "data-field": "denominator" }, number(k.denominator)));
}

/** Two sections: KPIs against targets (chart and table) and the 766 groups (chart and table). */
export function kpiSections(view) {
  const all = [...view.kpis, ...view.snapshot.filter((s) => !view.kpis.some((k) => k.kpi === s.kpi))];
  const plain = all.filter((k) => !isScore(k));
  const groups = view.kpis.filter((k) => isScore(k) && k.kpi !== `${scorePrefix}total`);
  const total = view.kpis.find((k) => k.kpi === `${scorePrefix}total`);
  if (plain.length === 0) return [section(t("kpisAgainstTargets"), h("p", { className: "muted" }, t("nothing")))];

  const bars = h("div", { className: "chart tall", "data-testid": "kpi-chart" });
  const groupChart = h("div", { className: "chart", "data-testid": "score-chart" });
  const kpiTable = table([t("kpi"), t("value"), t("target"), t("met"), t("numerator"), t("denominator")], plain.map(kpiRow), { "data-testid": "kpi-table" });
  const scoreTable = table([t("group"), t("score"), t("points")], [...groups, ...(total ? [total] : [])].map((g) =>
    h("tr", { "data-kpi": g.kpi }, h("th", { scope: "row" }, kpiName(g.kpi)),
      h("td", { className: "num", "data-field": "value" }, number(g.value, 1)), h("td", { className: "num" }, number(g.target)))), { "data-testid": "score-table" });
  queueMicrotask(() => {
    kpiBars(bars, plain);
    if (groups.length) scores(groupChart, groups);
  });
  return [
    section(t("kpisAgainstTargets"), bars, kpiTable),
    section(`${t("scores")}${total ? `: ${number(total.value, 1)} / ${number(total.target)}` : ""}`, groups.length ? groupChart : null, scoreTable),
  ];
}
