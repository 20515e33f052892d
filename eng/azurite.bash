# Sourced by eng/test.sh, ./hub and eng/bench: the one place that starts the storage emulator.
# Azurite is the version pinned in package-lock.json, in memory, bound to 127.0.0.1 only, and with
# --disableTelemetry: without it Azurite calls the cloud metadata address and a telemetry endpoint
# (nothing may leave loopback here) and its shutdown hangs for about two minutes.

azurite_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The Azurite development account's well-known key (public, the same in every emulator).
azurite_account_key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

azurite_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The npm packages of package-lock.json: Azurite, and the Kusto language service the infra tests
# check the alert queries with.
azurite_install() {
  if [[ ! -d "$azurite_root/node_modules/@kusto/language-service-next" || ! -x "$azurite_root/node_modules/.bin/azurite" ]]; then
    echo "Installing the pinned npm packages (npm ci)..." >&2
    (cd "$azurite_root" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

# Three ports free on 127.0.0.1 now, asked of the kernel (port 0), printed space-separated.
azurite_free_ports() {
  node -e '
    const net = require("net");
    (async () => {
      const servers = [];
      for (let i = 0; i < 3; i++) {
        const s = net.createServer();
        await new Promise((ok, fail) => { s.once("error", fail); s.listen(0, "127.0.0.1", ok); });
        servers.push(s);
      }
      console.log(servers.map(s => s.address().port).join(" "));
      servers.forEach(s => s.close());
    })();'
}

# The connection string of an emulator on the given blob, queue and table ports.
azurite_connection_string() {
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' \
    "$azurite_account_key" "$1" "$2" "$3"
}

# azurite_start LOG BLOB QUEUE TABLE: starts an emulator of our own on those ports and waits until
# all three answer. Sets azurite_pid. Fails (status 1) if it exits first, e.g. because a port was
# taken meanwhile: a listener that some other process owns is never taken for ours.
# AZURITE_HEAP_MB raises Node's heap limit (default about 4 GiB): a million dossiers held in memory
# need more (measured: the emulator died at 3.9 GiB of heap during a 1,000,000-dossier run).
azurite_start() {
  local log=$1 blob=$2 queue=$3 table=$4
  azurite_install
  NODE_OPTIONS="${AZURITE_HEAP_MB:+--max-old-space-size=$AZURITE_HEAP_MB}" "$azurite_root/node_modules/.bin/azurite" --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$log" 2>&1 &
  azurite_pid=$!
  local _
  for _ in $(seq 1 120); do
    kill -0 "$azurite_pid" 2>/dev/null || { azurite_pid=""; return 1; }
    if grep -q "Table service is successfully listening at http://127.0.0.1:$table" "$log" && grep -q "Blob service is successfully listening at http://127.0.0.1:$blob" "$log" \
      && grep -q "Queue service is successfully listening at http://127.0.0.1:$queue" "$log"; then
      return 0
    fi
    sleep 0.25
  done
  kill "$azurite_pid" 2>/dev/null || true
  azurite_pid=""
  return 1
}

# azurite_stop: stops the emulator azurite_start started (by its PID), waiting for it to exit.
azurite_stop() {
  if [[ -n "${azurite_pid:-}" ]] && kill -0 "$azurite_pid" 2>/dev/null; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  azurite_pid=""
}
