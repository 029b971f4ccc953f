#!/usr/bin/env bash
# CTI from a cold start through HAProxy with two application nodes (issue 18 point 5, the benchmark's HA half):
# the database stack comes up (up.sh with HA_SKIP_APP=1), the CLI migrates and makes a line and a PBX key, then
# `bench cti-cold http://127.0.0.1:$HA_APP_FRONT` polls HAProxy's /readyz every 10 ms while HA_NODES fresh nodes start;
# the instant HAProxy answers 200 (its first node passed two health checks) it offers 500 events/s for 20 s and prints
# p50/p99/max per second. Later nodes join the rotation as they turn ready. HA_LOAD_WHEN=all: the load starts once every
# node is ready and in the rotation instead (still fresh processes: no event before). Everything is taken down at the end.
# HA_WARM_AGAIN=1: afterwards the same load again on the same nodes, warm (a new generator: 5 s idle, then its own 3-s
# warm-up against a stub, about 9 s after the first load ended). HA_NODE_ENV='NAME=value …': environment for the nodes only.
#   HA_APP=src/Hotline95/bin/Release/net10.0 HA_BENCH=bench/Hotline95.Bench/bin/Release/net10.0 deploy/ha/cti-cold.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/ha.env"
log() { echo "cti-cold: $*" >&2; }
# HA_LOGS=DIR keeps the nodes' logs there (the stack's folder goes with down.sh).
keep_logs() { [ -n "${HA_LOGS:-}" ] && mkdir -p "$HA_LOGS" && cp "$HA_WORK"/node*.log "$HA_WORK"/bench*.log "$HA_LOGS/" 2>/dev/null; return 0; }
trap 'keep_logs; "$HERE/down.sh" >/dev/null 2>&1 || true' EXIT

"$HERE/down.sh" >/dev/null 2>&1 || true
HA_SKIP_APP=1 "$HERE/up.sh"
if [ -z "${HA_APP:-}" ]; then
  HA_APP="$HA_WORK/app"
  dotnet publish "$ROOT/src/Hotline95" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:TieredCompilation=false -o "$HA_APP" -v q >&2
fi
if [ -z "${HA_BENCH:-}" ]; then
  HA_BENCH="$HA_WORK/bench"
  dotnet publish "$ROOT/bench/Hotline95.Bench" -c Release -o "$HA_BENCH" -v q >&2
fi
(umask 077; head -c 32 /dev/urandom | base64 >"$HA_WORK/master.key.b64")
export HOTLINE95_MASTER_KEY; HOTLINE95_MASTER_KEY=$(cat "$HA_WORK/master.key.b64")
cli() { dotnet "$HA_APP/hotline95.dll" --db "$HA_DB" --data "$HA_WORK/cli" "$@"; }
cli db migrate >/dev/null
cli lines add 95528 --name "信用卡客服热线" >/dev/null
KEY=$(cli apikey create --name pbx | sed -n 's/^key: //p' | head -1)
[ -n "$KEY" ] || { log "no API key printed"; exit 1; }

# The generator without tiered compilation: with it, it compiled some 450 methods (about 0.3 s of CPU) in the load's first
# second, after its warm-up against a stub, on the 2 cores the nodes answer with.
bench() { DOTNET_TieredCompilation=0 HOTLINE95_BENCH_KEY="$KEY" dotnet "$HA_BENCH/Hotline95.Bench.dll" cti-cold "http://127.0.0.1:$HA_APP_FRONT" >"$HA_WORK/bench.log" 2>&1 & BENCH=$!; }
start_nodes() {
  for n in $(seq 1 "$HA_NODES"); do
    env ${HA_NODE_ENV:-} HOTLINE95_DB="$HA_DB" dotnet "$HA_APP/hotline95.dll" serve --data "$HA_WORK/node$n" --urls "http://127.0.0.1:$((HA_APP_BASE + n))" \
      >>"$HA_WORK/node$n.log" 2>&1 &
    echo $! >"$HA_WORK/node$n.pid"
  done
  log "$HA_NODES nodes started behind http://127.0.0.1:$HA_APP_FRONT"
}
if [ "${HA_LOAD_WHEN:-first}" = all ]; then
  # Load once every node is ready and in HAProxy's rotation: on this one machine a node still starting takes the CPU
  # the ready one answers with, which separate machines would not share. The nodes get no event before.
  start_nodes
  for n in $(seq 1 "$HA_NODES"); do
    for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((HA_APP_BASE + n))/readyz")" = 200 ] && break; sleep 0.1; done
  done
  sleep 3  # two health checks a second apart put the last node in the rotation
  log "every node ready and in the rotation"
  bench
else
  # The benchmark polls HAProxy first, so that it sees the very first 200.
  bench
  # The load generator warms itself against a stub in its own process first.
  for _ in $(seq 1 300); do grep -q "load generator warmed" "$HA_WORK/bench.log" 2>/dev/null && break; sleep 0.1; done
  grep -q "load generator warmed" "$HA_WORK/bench.log" 2>/dev/null || log "the load generator did not report itself warm within 30 s; starting the nodes anyway"
  start_nodes
fi
RC=0; wait "$BENCH" || RC=$?
cat "$HA_WORK/bench.log"
if [ "${HA_WARM_AGAIN:-0}" = 1 ] && [ "$RC" = 0 ]; then
  # The same load again on the same nodes, now warm: what is left of a miss that is not the nodes' start.
  echo "== the same nodes again, warm (after the fresh run and 5 s idle) =="
  sleep 5; mv "$HA_WORK/bench.log" "$HA_WORK/bench-fresh.log"; bench; wait "$BENCH" || RC=$?; cat "$HA_WORK/bench.log"
fi
for n in $(seq 1 "$HA_NODES"); do
  log "node$n: $(grep -c . "$HA_WORK/node$n.log" || true) log lines, readiness: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((HA_APP_BASE + n))/readyz")"
done
exit "$RC"
