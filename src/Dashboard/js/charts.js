// The dashboard's charts, drawn by Chart.js (bundled from npm at build time).
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from "chart.js";
import { kpiName, percent, number, t } from "./i18n.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const colours = { met: "#1b7f3b", notMet: "#c62828", unjudged: "#8a94a6", target: "#111827" };
const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
const live = new Map();

/** Draws a chart on a new canvas inside the given holder; the one drawn there before is destroyed. */
function draw(holder, config) {
  live.get(holder)?.destroy();
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", config.label ?? "");
  holder.replaceChildren(canvas);
  const chart = new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
  live.set(holder, chart);
  return chart;
}

/** KPI rates as bars (green met, red not met, grey without a target) with each target as a line mark. */
export function kpiBars(holder, kpis) {
  const rates = kpis.filter((k) => k.value !== null && k.denominator !== null);
  return draw(holder, {
    label: t("kpisAgainstTargets"),
    data: {
      labels: rates.map((k) => kpiName(k.kpi)),
      datasets: [
        {
          type: "bar", label: t("value"), data: rates.map((k) => k.value * 100),
          backgroundColor: rates.map((k) => (k.met === true ? colours.met : k.met === false ? colours.notMet : colours.unjudged)),
        },
        {
          type: "line", label: t("target"), data: rates.map((k) => (k.target === null ? null : k.target * 100)),
          showLine: false, pointStyle: "line", pointRadius: 16, pointBorderWidth: 3, borderColor: colours.target, backgroundColor: colours.target,
        },
      ],
    },
    options: {
      indexAxis: "y",
      scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(c.raw / 100)}` } } },
    },
  });
}

/** Each rate KPI month by month (one line per KPI; the legend hides and shows them). */
export function trend(holder, months, series) {
  return draw(holder, {
    type: "line",
    label: t("trend"),
    data: {
      labels: months,
      datasets: Object.entries(series).map(([kpi, values], i) => ({
        label: kpiName(kpi), data: values.map((v) => (v === null ? null : v * 100)), borderColor: palette[i % palette.length],
        backgroundColor: palette[i % palette.length], spanGaps: true, tension: 0.2,
      })),
    },
    options: {
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(c.raw / 100)}` } } },
    },
  });
}

/** Decision 766 groups: points earned against the group's points. */
export function scores(holder, groups) {
  return draw(holder, {
    type: "bar",
    label: t("scores"),
    data: {
      labels: groups.map((g) => kpiName(g.kpi)),
      datasets: [
        { label: t("value"), data: groups.map((g) => g.value), backgroundColor: "#1f77b4" },
        { label: t("points"), data: groups.map((g) => g.target), backgroundColor: "#d0d7e2" },
      ],
    },
    options: {
      indexAxis: "y",
      scales: { x: { beginAtZero: true } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${number(c.raw, 1)}` } } },
    },
  });
}
