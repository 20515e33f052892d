import { h } from "../dom.js";
import { t } from "../i18n.js";

/** Years first (newest first), then the months of each, as the API lists the periods with KPIs. */
export function ordered(periods, current) {
  const all = periods.includes(current) ? periods : [...periods, current];
  const years = all.filter((p) => p.length === 4).sort().reverse();
  const months = all.filter((p) => p.length === 7).sort().reverse();
  return [...years, ...months];
}

/** A period picker that changes the hash's ?period= (the page re-renders from the hash). */
export function periodPicker(current, periods) {
  const select = h("select", { id: "period", "data-testid": "period" },
    ordered(periods, current).map((p) => h("option", { value: p, selected: p === current }, p)));
  select.addEventListener("change", () => {
    const [path, query] = location.hash.replace(/^#/, "").split("?");
    const params = new URLSearchParams(query ?? "");
    params.set("period", select.value);
    location.hash = `#${path || "/"}?${params}`;
  });
  return h("label", { className: "picker" }, `${t("period")} `, select);
}
