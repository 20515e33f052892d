// Builds the dashboard into the folder given as the first argument: js/main.js and what it imports
// (Chart.js from node_modules) bundled and minified into app.js, with index.html and app.css beside
// it. Run by the Functions project's build (BuildDashboard in src/Functions/Functions.csproj).
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node src/Dashboard/build.mjs OUTPUT_FOLDER");
  process.exit(2);
}
await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(here, "js", "main.js")],
  outfile: join(out, "app.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  logLevel: "warning",
});
await build({ entryPoints: [join(here, "app.css")], outfile: join(out, "app.css"), bundle: true, minify: true, logLevel: "warning" });
await copyFile(join(here, "index.html"), join(out, "index.html"));
