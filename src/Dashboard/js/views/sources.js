// Each source's connection (the case system, the national portal, the LGSP): state, last success, data lag.
import { badge, h, section, table } from "../dom.js";
import { dateTime, number, t } from "../i18n.js";

const lag = (seconds) => (seconds === null ? t("none") : seconds < 3600 ? `${number(seconds / 60)} min` : `${number(seconds / 3600, 1)} h`);

export function sourcesSection(sources) {
  return section(t("sources"), table([t("source"), t("state"), t("lastSuccess"), t("lag")], sources.map((s) =>
    h("tr", { "data-source": s.source, "data-state": s.state }, h("th", { scope: "row" }, t(s.source)), h("td", {}, badge(s.state, t(s.state))),
      h("td", {}, dateTime(s.lastSuccess)), h("td", { className: "num" }, lag(s.dataLagSeconds)))), { "data-testid": "sources-table" }));
}
