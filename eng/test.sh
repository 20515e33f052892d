#!/usr/bin/env bash
# The test command: installs the pinned Azurite (npm ci), starts it on loopback unless storage is
# already configured (HUB_TEST_STORAGE) or an emulator already answers, runs every test of the
# solution, and stops what it started. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

started_pid=""
cleanup() {
  if [[ -n "$started_pid" ]] && kill -0 "$started_pid" 2>/dev/null; then
    kill "$started_pid" 2>/dev/null || true
    wait "$started_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -z "${HUB_TEST_STORAGE:-}" ]] && ! port_open 10002; then
  if [[ ! -x node_modules/.bin/azurite ]]; then
    echo "Installing the pinned Azurite (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
  log=$(mktemp -t azurite.XXXXXX.log)
  node_modules/.bin/azurite --inMemoryPersistence --skipApiVersionCheck --silent \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$log" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 60); do
    port_open 10000 && port_open 10001 && port_open 10002 && break
    kill -0 "$started_pid" 2>/dev/null || { echo "Azurite failed to start:"; cat "$log"; exit 1; }
    sleep 0.5
  done
  port_open 10002 || { echo "Azurite did not open its ports in 30 s:"; cat "$log"; exit 1; }
  echo "Azurite started (pid $started_pid)."
fi

out=$(mktemp -t hub-test.XXXXXX.log)
set +e
dotnet test IntegrationHub.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for the whole solution, summed over the test assemblies.
awk '/^ +Passed: +[0-9]+ *$/ { p += $2 } /^ +Failed: +[0-9]+ *$/ { f += $2 }
     END { printf "Tests: %d passed, %d failed\n", p, f }' "$out"
exit "$status"
