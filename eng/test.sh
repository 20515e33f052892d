#!/usr/bin/env bash
# The test command. Unless HUB_TEST_STORAGE names storage explicitly, it installs the pinned Azurite
# (npm ci), starts an emulator of its own on free loopback ports (never one that was already
# listening: another ./hub up may be serving on the default ports with a dataset of its own), hands
# its connection string to the tests as HUB_TEST_STORAGE, runs every test of the solution, and stops
# the emulator by its PID. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/azurite.bash

trap azurite_stop EXIT

if [[ -z "${HUB_TEST_STORAGE:-}" ]]; then
  log=$(mktemp -t azurite.XXXXXX.log)
  started=0
  for _ in 1 2 3; do
    ports=$(azurite_free_ports)
    # shellcheck disable=SC2086 # three port numbers
    if azurite_start "$log" $ports; then started=1; break; fi
    echo "Azurite did not start on ports $ports (taken meanwhile?); trying others. Its log:"; cat "$log"
  done
  ((started)) || { echo "Azurite could not be started."; exit 1; }
  # shellcheck disable=SC2086
  export HUB_TEST_STORAGE="$(azurite_connection_string $ports)"
  echo "Azurite started for the tests (pid $azurite_pid, blob/queue/table ports $ports)."
else
  echo "Tests use the storage named by HUB_TEST_STORAGE."
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
