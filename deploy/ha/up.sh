#!/usr/bin/env bash
# Brings up the whole HA stack on one machine for trying it: etcd, HA_MEMBERS PostgreSQL members under
# Patroni (synchronous replication), HAProxy in front of the primary and of the application nodes, and
# HA_NODES `hotline95 serve` processes. Everything listens on 127.0.0.1 and lives under HA_WORK.
#   deploy/ha/up.sh            # start (idempotent: a running stack is left as it is)
#   deploy/ha/down.sh          # stop everything and delete HA_WORK
# Settings (environment): HA_WORK (/tmp/hotline95-ha), HA_MEMBERS (2), HA_NODES (2), HA_APP (a published
# hotline95 folder; when unset, src/Hotline95 is published into HA_WORK/app with ReadyToRun and tiered compilation off, as
# README "Production" recommends), HA_SKIP_APP=1 (database only).
# Ports: etcd 23790, PostgreSQL members 54411.., Patroni REST 18011.., HAProxy PostgreSQL 54410 and HTTP 18095,
# application nodes 15101.. . Needs Debian's postgresql, patroni, etcd-server and haproxy.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/ha.env"

log() { echo "ha: $*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { log "missing $1 (apt-get install $2)"; exit 2; }; }
need etcd etcd-server; need patroni patroni; need haproxy haproxy
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] || { log "missing PostgreSQL (apt-get install postgresql)"; exit 2; }

mkdir -p "$HA_WORK" && chmod 755 "$HA_WORK"
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then AS_PG=(runuser -u postgres --); chown postgres:postgres "$HA_WORK"; fi
run_bg() { # name, command…: a background process with its log and pid file under HA_WORK
  local name=$1; shift
  if [ -f "$HA_WORK/$name.pid" ] && kill -0 "$(cat "$HA_WORK/$name.pid")" 2>/dev/null; then return; fi
  "$@" >>"$HA_WORK/$name.log" 2>&1 &
  echo $! >"$HA_WORK/$name.pid"
}
wait_for() { # what, seconds, command…
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 5))); do if "$@" >/dev/null 2>&1; then return; fi; sleep 0.2; done
  log "$what did not come up in ${secs}s (logs in $HA_WORK)"; exit 1
}

# 1. etcd (v2 API on: Patroni 3.0's etcd: section speaks it)
"${AS_PG[@]}" mkdir -p "$HA_WORK/etcd"
run_bg etcd "${AS_PG[@]}" etcd --name ha --data-dir "$HA_WORK/etcd" --enable-v2=true \
  --listen-client-urls "http://127.0.0.1:$HA_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$HA_ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$HA_ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$HA_ETCD_PEER" \
  --initial-cluster "ha=http://127.0.0.1:$HA_ETCD_PEER"
wait_for etcd 20 curl -sf "http://127.0.0.1:$HA_ETCD_PORT/health"
log "etcd on 127.0.0.1:$HA_ETCD_PORT"

# 2. PostgreSQL members under Patroni
PG_SERVERS=""
for i in $(seq 1 "$HA_MEMBERS"); do
  name="pg$i"
  "${AS_PG[@]}" mkdir -p "$HA_WORK/$name"
  sed -e "s|@NAME@|$name|g" -e "s|@REST_PORT@|$((HA_REST_BASE + i))|g" -e "s|@PG_PORT@|$((HA_PG_BASE + i))|g" \
      -e "s|@ETCD_PORT@|$HA_ETCD_PORT|g" -e "s|@WORK@|$HA_WORK|g" -e "s|@PG_BIN@|$PG_BIN|g" \
      "$HERE/patroni.yml.in" >"$HA_WORK/$name.yml"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$HA_WORK/$name.yml"
  # Patroni and its PostgreSQL are one process group: killing the group is a member's machine dying.
  run_bg "$name" "${AS_PG[@]}" setsid patroni "$HA_WORK/$name.yml"
  PG_SERVERS+="  server $name 127.0.0.1:$((HA_PG_BASE + i)) check port $((HA_REST_BASE + i))"$'\n'
  # The first member bootstraps; the others clone from it, so start them once it leads.
  if [ "$i" -eq 1 ]; then wait_for "the primary ($name)" 60 curl -sf "http://127.0.0.1:$((HA_REST_BASE + 1))/primary"; fi
done
for i in $(seq 2 "$HA_MEMBERS"); do
  wait_for "the replica pg$i" 90 curl -sf "http://127.0.0.1:$((HA_REST_BASE + i))/replica"
done
# Not up until a standby is synchronous: before that a commit is acknowledged from one member only.
[ "$HA_MEMBERS" -gt 1 ] && wait_for "a synchronous standby" 30 sh -c "curl -sf http://127.0.0.1:$((HA_REST_BASE + 1))/cluster | grep -q sync_standby"
log "$HA_MEMBERS PostgreSQL members ($(curl -s "http://127.0.0.1:$((HA_REST_BASE + 1))/cluster" | python3 -c 'import json,sys; print(", ".join(m["name"]+" "+m["role"] for m in json.load(sys.stdin)["members"]))'))"

# 3. HAProxy
APP_SERVERS=""
for n in $(seq 1 "$HA_NODES"); do APP_SERVERS+="  server node$n 127.0.0.1:$((HA_APP_BASE + n)) check"$'\n'; done
python3 - "$HERE/haproxy.cfg.in" "$HA_WORK/haproxy.cfg" <<PY
import sys
text = open(sys.argv[1]).read()
for k, v in {"@PG_FRONT@": "$HA_PG_FRONT", "@APP_FRONT@": "$HA_APP_FRONT", "@PG_SERVERS@": """$PG_SERVERS""".rstrip(), "@APP_SERVERS@": """$APP_SERVERS""".rstrip()}.items():
    text = text.replace(k, v)
open(sys.argv[2], "w").write(text)
PY
run_bg haproxy haproxy -db -f "$HA_WORK/haproxy.cfg"
wait_for "HAProxy to the primary" 20 "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$HA_PG_FRONT" -U postgres
# HAProxy counts every member up until its checks fail twice: until then a connection may land on a read-only replica
# (with three members the CREATE DATABASE below did). Up once twice as many connections in a row as members reach the primary.
primary_only() {
  for _ in $(seq 1 $((HA_MEMBERS * 2))); do
    [ "$("$PG_BIN/psql" -h 127.0.0.1 -p "$HA_PG_FRONT" -U postgres -tAc "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] || return 1
  done
}
wait_for "HAProxy to route to the primary only" 30 primary_only
"$PG_BIN/psql" -h 127.0.0.1 -p "$HA_PG_FRONT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='hotline95'" | grep -q 1 \
  || "$PG_BIN/psql" -h 127.0.0.1 -p "$HA_PG_FRONT" -U postgres -qc "CREATE DATABASE hotline95"
log "HAProxy: PostgreSQL primary on 127.0.0.1:$HA_PG_FRONT, application on 127.0.0.1:$HA_APP_FRONT"

[ "${HA_SKIP_APP:-0}" = 1 ] && exit 0

# 4. Application nodes: one master key for all (as an HSM or a secret store would give them)
if [ -z "${HA_APP:-}" ]; then
  HA_APP="$HA_WORK/app"
  [ -f "$HA_APP/hotline95.dll" ] || dotnet publish "$ROOT/src/Hotline95" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:TieredCompilation=false -o "$HA_APP" -v q >&2
fi
[ -f "$HA_WORK/master.key.b64" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$HA_WORK/master.key.b64")
export HOTLINE95_MASTER_KEY; HOTLINE95_MASTER_KEY=$(cat "$HA_WORK/master.key.b64")
export HOTLINE95_DB="$HA_DB"
for n in $(seq 1 "$HA_NODES"); do
  run_bg "node$n" dotnet "$HA_APP/hotline95.dll" serve --data "$HA_WORK/node$n" --urls "http://127.0.0.1:$((HA_APP_BASE + n))"
done
for n in $(seq 1 "$HA_NODES"); do
  wait_for "node$n" 120 curl -sf "http://127.0.0.1:$((HA_APP_BASE + n))/healthz"
done
log "$HA_NODES application nodes behind http://127.0.0.1:$HA_APP_FRONT"
