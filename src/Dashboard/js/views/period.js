import { h } from "../dom.js";
import { t } from "../i18n.js";

/** Years first (newest first), then quarters ("yyyy-Qn"), then months, as the API lists the periods with KPIs. */
export function ordered(periods, current) {
  const all = periods.includes(current) ? periods : [...periods, current];
  const newestFirst = (keep) => all.filter(keep).sort().reverse();
  return [...newestFirst((p) => p.length === 4), ...newestFirst((p) => p.includes("-Q")), ...newestFirst((p) => p.length === 7 && !p.includes("-Q"))];
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
