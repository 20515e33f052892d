// The agencies as tiles: the border by LGSP connection, the fill by the share of KPIs meeting their
// target; a filter by name or code and by level; a tile opens the agency.
import { badge, h, section } from "../dom.js";
import { number, t } from "../i18n.js";

const firstShown = 30;

export function attainment(a) {
  if (a.kpisJudged === 0) return "unjudged";
  const share = a.kpisMet / a.kpisJudged;
  return share >= 0.8 ? "good" : share >= 0.5 ? "fair" : "poor";
}

function tile(a, period) {
  return h("a", { className: `tile ${attainment(a)} conn-${a.connection.toLowerCase()}`, href: `#/agency/${encodeURIComponent(a.code)}?period=${period}`, "data-agency": a.code },
    h("strong", {}, a.name),
    h("span", { className: "muted" }, `${a.code} · ${t(a.level)}`),
    h("span", {}, badge(a.connection, t(a.connection))),
    h("span", { "data-field": "kpis" }, `${t("kpisMet")}: ${a.kpisMet}/${a.kpisJudged}`),
    h("span", { "data-field": "findings" }, `${t("openFindings")}: ${number(a.openFindings)}`),
    a.score766 === null ? null : h("span", { "data-field": "score" }, `${t("score")}: ${number(a.score766, 1)}`));
}

export function agencyGrid(agencies, period) {
  const levels = [...new Set(agencies.map((a) => a.level))];
  const text = h("input", { type: "search", placeholder: t("filter"), "aria-label": t("filter"), "data-testid": "grid-filter" });
  const level = h("select", { "aria-label": t("level") }, h("option", { value: "" }, t("all")), levels.map((l) => h("option", { value: l }, t(l))));
  const tiles = h("div", { className: "grid", "data-testid": "agency-grid", "data-period": period });
  const order = { poor: 0, fair: 1, good: 2, unjudged: 3 };
  const sorted = [...agencies].sort((x, y) => order[attainment(x)] - order[attainment(y)] || x.name.localeCompare(y.name, "vi"));
  // The worst first, a screenful of them until the reader asks for all or filters (206 agencies in 2025).
  let all = agencies.length <= firstShown;
  const more = h("button", { type: "button", className: "secondary", "data-testid": "grid-all" }, `${t("showAll")} (${agencies.length})`);
  const fill = () => {
    const q = text.value.trim().toLowerCase();
    const matching = sorted.filter((a) => (!level.value || a.level === level.value)
      && (!q || a.name.toLowerCase().includes(q) || a.code.toLowerCase().includes(q)));
    const filtered = q !== "" || level.value !== "";
    tiles.replaceChildren(...(all || filtered ? matching : matching.slice(0, firstShown)).map((a) => tile(a, period)));
    more.hidden = all || filtered;
  };
  more.addEventListener("click", () => { all = true; fill(); });
  text.addEventListener("input", fill);
  level.addEventListener("change", fill);
  fill();
  return section(`${t("agencies")} (${agencies.length})`, h("div", { className: "filters" }, text, level), tiles, h("p", {}, more));
}
