// node eng/bench-compare.js findings|kpis HUB.ndjson EXPECTED.ndjson
// Compares what the hub holds with the simulators' answer key, as HubHarness.AssertMatchesSimulatorAsync
// does in the tests: open findings == /_sim/manifest; KPI rows (hub-only KPIs and 766 scores left
// out) == /_sim/expected-kpis. Prints "equal (N)" or what differs, and exits non-zero if anything does.
const fs = require("fs");
const [kind, hubFile, expectedFile] = process.argv.slice(2);
const read = f => fs.readFileSync(f, "utf8").split("\n").filter(l => l.trim()).map(l => JSON.parse(l));
const key = kind === "findings"
  ? r => `${r.rule} ${r.agency} ${r.subject}`
  : r => `${r.scope} ${r.period} ${r.kpi} ${r.numerator} ${r.denominator}`;
const comparable = kind === "findings" ? () => true : r => r.kpi !== "satisfaction_rate" && !r.kpi.startsWith("score766.");
const hub = new Set(read(hubFile).filter(comparable).map(key));
const expected = new Set(read(expectedFile).map(key));
const missing = [...expected].filter(k => !hub.has(k));
const extra = [...hub].filter(k => !expected.has(k));
if (missing.length === 0 && extra.length === 0) {
  console.log(`equal (${expected.size})`);
} else {
  console.log(`DIFFERENT: ${missing.length} missing, ${extra.length} extra; e.g. ${[...missing.slice(0, 2), ...extra.slice(0, 2)].join(" | ")}`);
  process.exitCode = 1;
}
