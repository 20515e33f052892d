// Sync and reconciliation runs, newest first, with their outcome and duration (ICT staff only).
import { api } from "../api.js";
import { badge, h, section, table } from "../dom.js";
import { dateTime, duration, number, t } from "../i18n.js";

export async function runs(main, me) {
  if (me.caller.role !== "admin") {
    main.replaceChildren(h("p", { className: "error", role: "alert" }, t("forbidden")));
    return;
  }
  const answer = await api("sync/runs", { count: "100" });
  main.replaceChildren(h("h1", {}, t("runs")), section(t("runs"),
    table([t("run"), t("source"), t("outcome"), t("started"), t("duration"), t("records"), t("error")], answer.runs.map((r) =>
      h("tr", { "data-run": r.runId },
        h("td", { className: "mono" }, r.runId), h("td", {}, t(r.source)), h("td", {}, badge(r.status, t(r.status))),
        h("td", {}, dateTime(r.started)), h("td", { className: "num" }, duration(r.durationMs)), h("td", { className: "num" }, number(r.records)),
        h("td", { className: "subject" }, r.errorKind ?? ""))), { "data-testid": "run-table" })));
}
