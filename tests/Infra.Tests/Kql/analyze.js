// Parses and semantically checks KQL queries offline with Microsoft's Kusto language service
// (npm @kusto/language-service-next, the JavaScript build of Kusto.Language), against the
// Application Insights tables of appinsights-tables.json.
// Usage: node analyze.js REPOSITORY_ROOT < queries.json   (a JSON array of query strings)
// Prints a JSON array, one entry per query: the diagnostics of severity Error (empty when it is sound).
const fs = require('fs');
const path = require('path');
const root = process.argv[2];
const service = path.join(root, 'node_modules', '@kusto', 'language-service-next');
require(path.join(service, 'bridge.min.js'));
require(path.join(service, 'Kusto.Language.Bridge.min.js'));
const K = global.Kusto.Language;

const tables = JSON.parse(fs.readFileSync(path.join(__dirname, 'appinsights-tables.json'), 'utf8'));
const symbols = Object.entries(tables)
  .filter(([name]) => name !== '//')
  .map(([name, schema]) => new K.Symbols.TableSymbol.$ctor7(name, schema, null));
const globals = K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.$ctor1('appinsights', symbols, false));

const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
const results = queries.map(query => {
  const diagnostics = K.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics();
  const errors = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    if (d.Severity === 'Error') errors.push(`${d.Code} at ${d.Start}: ${d.Message}`);
  }
  return errors;
});
process.stdout.write(JSON.stringify(results));
