#!/usr/bin/env bash
# Benchmark: a full sync of N dossiers (default 1,000,000) from the simulators into Azurite with the
# hub CLI, then an incremental sync after 24 simulated hours. Prints wall time, the hub's peak
# memory and the run summaries. Needs Azurite on 127.0.0.1 (npm run azurite) and a free port 5099.
set -euo pipefail
cd "$(dirname "$0")/.."
dossiers=${1:-1000000}
port=${BENCH_PORT:-5099}
prefix="bench$(date +%s)"

dotnet build -c Release src/Cli/Cli.csproj -v quiet -nologo >/dev/null
dotnet build -c Release src/Simulators/Simulators.csproj -v quiet -nologo >/dev/null
dotnet src/Simulators/bin/Release/net10.0/IntegrationHub.Simulators.dll --seed 1 --dossiers "$dossiers" \
  --urls "http://127.0.0.1:$port" >/tmp/bench-sim.log 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do grep -q "listening" /tmp/bench-sim.log && break; sleep 0.5; done

export HubStorage="${HubStorage:-UseDevelopmentStorage=true}" Storage__Prefix="$prefix"
export Motcua__BaseUrl="http://127.0.0.1:$port/motcua" Motcua__ApiKey=hub-motcua-key
export Portal__BaseUrl="http://127.0.0.1:$port/portal" Portal__Username=hub Portal__Password=hub-portal-secret Portal__UnitCode=000.00.00.H10
export Lgsp__BaseUrl="http://127.0.0.1:$port/lgsp" Lgsp__ClientId=hub Lgsp__ClientSecret=hub-lgsp-secret
export Clock__Now="$(curl -s "http://127.0.0.1:$port/_sim/clock" | sed 's/.*"now":"\([^"]*\)".*/\1/')"
hub="dotnet src/Cli/bin/Release/net10.0/hub.dll"

echo "== full sync of $dossiers dossiers (storage prefix $prefix)"
/usr/bin/time -f "wall %e s, hub peak RSS %M KiB" $hub sync 2>&1 | grep -v "^  "
echo "findings open: $($hub findings export 2>/dev/null | wc -l), manifest: $(curl -s "http://127.0.0.1:$port/_sim/manifest" | wc -l)"

export Clock__Now="$(curl -s -X POST -H 'content-type: application/json' -d '{"hours":24}' "http://127.0.0.1:$port/_sim/clock" | sed 's/.*"now":"\([^"]*\)".*/\1/')"
echo "== incremental sync after 24 simulated hours"
/usr/bin/time -f "wall %e s, hub peak RSS %M KiB" $hub sync 2>&1 | grep -v "^  "
echo "findings open: $($hub findings export 2>/dev/null | wc -l), manifest: $(curl -s "http://127.0.0.1:$port/_sim/manifest" | wc -l)"
