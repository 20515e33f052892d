// The first page: the province's KPIs (an agency key: its own agency's) against the plan's targets,
// month by month, the Decision 766 groups, and the grid of agencies the key may read.
import { agencyPath, api, download } from "../api.js";
import { trend } from "../charts.js";
import { h, section } from "../dom.js";
import { t } from "../i18n.js";
import { agencyGrid } from "./grid.js";
import { kpiSections } from "./kpis.js";
import { periodPicker } from "./period.js";
import { sourcesSection } from "./sources.js";

const kpisOf = (me, period) =>
  me.caller.role === "admin" ? api("kpis", { scope: "province", period }) : api(`${agencyPath(me.caller.agency)}/kpis`, { period });

export async function overview(main, me, params) {
  const period = params.get("period") ?? me.period;
  const [view, list] = await Promise.all([kpisOf(me, period), period === me.period ? me : api("agencies", { period })]);
  const trendHolder = h("div", { className: "chart tall", "data-testid": "trend-chart" });
  const title = me.caller.role === "admin" ? t("province") : list.agencies.find((a) => a.code === me.caller.agency)?.name ?? me.caller.agency;
  main.replaceChildren(
    h("div", { className: "heading" }, h("h1", { "data-testid": "scope-title" }, title), me.caller.role === "admin" ? scorecardButtons(period) : null,
      periodPicker(period, me.periods)),
    sourcesSection(list.sources),
    h("div", { className: "columns" }, ...kpiSections(view)),
    section(`${t("trend")} ${period.slice(0, 4)}`, trendHolder),
    agencyGrid(list.agencies, period));
  await drawTrend(trendHolder, me, period.slice(0, 4));
}

/** One line per rate KPI over the months of the year that have KPI rows. */
async function drawTrend(holder, me, year) {
  const months = me.periods.filter((p) => p.length === 7 && !p.includes("-Q") && p.startsWith(year)).sort();
  const views = await Promise.all(months.map((m) => kpisOf(me, m)));
  const used = months.map((m, i) => [m, views[i]]).filter(([, v]) => v.kpis.length > 0);
  const series = {};
  for (const [, v] of used) {
    for (const k of v.kpis) if (k.denominator !== null && !k.kpi.startsWith("score766.")) series[k.kpi] ??= [];
  }
  for (const kpi of Object.keys(series)) series[kpi] = used.map(([, v]) => v.kpis.find((k) => k.kpi === kpi)?.value ?? null);
  if (used.length === 0) holder.replaceChildren(h("p", { className: "muted" }, t("nothing")));
  else trend(holder, used.map(([m]) => m), series);
}

/** ICT staff: the period's scorecard to publish (GET /api/report), as XLSX or CSV. */
function scorecardButtons(period) {
  const button = (format) => h("button", {
    type: "button", className: "secondary", "data-testid": `report-${format}`, "data-period": period,
    onclick: () => download("report", { period, format }, `bang-diem-${period}.${format}`),
  }, `${t("scorecard")} (${format.toUpperCase()})`);
  return h("span", { className: "actions" }, button("xlsx"), button("csv"));
}
