#!/usr/bin/env bash
# The failover test: the whole HA stack (up.sh), CTI events through HAProxy at HA_RATE/s with PBX-style retries,
# the PostgreSQL primary's member killed as a machine dies at HA_KILL_DB_AT s, one application node SIGKILLed at
# HA_KILL_NODE_AT s; then every acknowledged event must be stored exactly once, the roll-ups must agree with the
# calls, and the longest gap without a successful answer must be under HA_GAP_TARGET s. Exit 0 when all hold.
# Needs a published hotline95 (HA_APP, else published by up.sh) and the bench (HA_BENCH, else built here).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/ha.env"
: "${HA_RATE:=500}" "${HA_SECONDS:=75}" "${HA_KILL_DB_AT:=15}" "${HA_KILL_NODE_AT:=45}" "${HA_GAP_TARGET:=30}"
log() { echo "failover-test: $*" >&2; }
trap '"$HERE/down.sh" >/dev/null 2>&1 || true' EXIT

"$HERE/down.sh" >/dev/null 2>&1 || true
"$HERE/up.sh"
HA_APP=${HA_APP:-$HA_WORK/app}
if [ -z "${HA_BENCH:-}" ]; then
  HA_BENCH="$HA_WORK/bench"
  dotnet publish "$ROOT/bench/Hotline95.Bench" -c Release -o "$HA_BENCH" -v q >&2
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
sql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$HA_PG_FRONT" -U postgres -d hotline95 -tAqc "$1"; }
cli() { HOTLINE95_MASTER_KEY=$(cat "$HA_WORK/master.key.b64") dotnet "$HA_APP/hotline95.dll" --db "$HA_DB" --data "$HA_WORK/cli" "$@"; }

cli lines add 95528 --name "信用卡客服热线" >/dev/null
KEY=$(cli apikey create --name pbx | sed -n 's/^key: //p' | head -1)
[ -n "$KEY" ] || { log "no API key printed"; exit 1; }

log "load: $HA_RATE events/s for $HA_SECONDS s through http://127.0.0.1:$HA_APP_FRONT; primary killed at ${HA_KILL_DB_AT}s, node1 at ${HA_KILL_NODE_AT}s"
dotnet "$HA_BENCH/Hotline95.Bench.dll" failover-load "http://127.0.0.1:$HA_APP_FRONT/api/v1/cti/$KEY" "$HA_SECONDS" "$HA_RATE" "$HA_WORK/acked.txt" >"$HA_WORK/load.log" 2>&1 &
LOAD=$!
sleep "$HA_KILL_DB_AT"
# Synchronous replication before and after the loss of the primary, as the test states it.
log "before: $(sql "SELECT coalesce(string_agg(application_name || ' ' || sync_state, ', '), 'no standby') FROM pg_stat_replication" 2>/dev/null || echo 'replication state unreadable') (a commit is acknowledged once the sync standby has it)"
log "killing the primary's member: $("$HERE/kill-member.sh" primary)"
sleep $((HA_KILL_NODE_AT - HA_KILL_DB_AT))
kill -KILL "$(cat "$HA_WORK/node1.pid")"
log "killed application node 1 (SIGKILL)"
LOAD_RC=0; wait "$LOAD" || LOAD_RC=$?
cat "$HA_WORK/load.log" >&2
members=$(curl -s "http://127.0.0.1:$((HA_REST_BASE + 2))/cluster" | python3 -c 'import json,sys; print(", ".join(m["name"]+" "+m["role"] for m in json.load(sys.stdin)["members"]))')
log "members after the test: $members"
sync_names=$(sql "SHOW synchronous_standby_names" 2>/dev/null || echo '?')
after=$(sql "SELECT coalesce(string_agg(application_name || ' ' || sync_state, ', '), 'no standby') FROM pg_stat_replication" 2>/dev/null || echo 'replication state unreadable')
if [ "$HA_MEMBERS" -gt 2 ]; then
  log "$((HA_MEMBERS - 1)) members left: $after, synchronous_standby_names='${sync_names}': the new primary waits for its sync standby again, so a commit acknowledged after the failover is on two members too (see deploy/ha/README.md)"
else
  log "one member left ($after): synchronous_standby_names='${sync_names}': with synchronous_mode on and not strict, Patroni stops waiting for the lost standby, so the sole member acknowledges commits on its own (no second copy) until the other member rejoins as its sync standby; synchronous_mode_strict would instead refuse every write while alone; HA_MEMBERS=3 keeps a second copy (see deploy/ha/README.md)"
fi

# Every acknowledged event stored exactly once.
sort -u "$HA_WORK/acked.txt" >"$HA_WORK/acked.sorted"
acked_calls=$(grep -c ',newCall$' "$HA_WORK/acked.sorted" || true)
sql "SELECT \"SourceId\" || ',' || (\"AnsweredAt\" IS NOT NULL)::int || ',' || (\"EndedAt\" IS NOT NULL)::int FROM calls WHERE \"SourceId\" LIKE 'ha-%'" | sort >"$HA_WORK/stored.txt"
stored=$(wc -l <"$HA_WORK/stored.txt")
duplicates=$(cut -d, -f1 "$HA_WORK/stored.txt" | uniq -d | wc -l)
missing=$(python3 - "$HA_WORK/acked.sorted" "$HA_WORK/stored.txt" <<'PY'
import sys
acked = {}
for line in open(sys.argv[1]):
    call, kind = line.strip().split(",")
    acked.setdefault(call, set()).add(kind)
stored = {}
for line in open(sys.argv[2]):
    call, answered, ended = line.strip().split(",")
    stored[call] = (answered == "1", ended == "1")
lost = sum(1 for call, kinds in acked.items() if call not in stored
           or ("answer" in kinds and not stored[call][0]) or ("hangup" in kinds and not stored[call][1]))
print(lost)
PY
)
calls_in=$(sql "SELECT count(*) FROM calls")
rollup_in=$(sql "SELECT coalesce(sum(\"CallsIn\" + \"CallsOut\"), 0) FROM rollup_daily")
gap=$(grep -oE 'LONGEST_GAP [0-9.]+' "$HA_WORK/load.log" | awk '{print $2}')
echo "failover-test: acknowledged calls $acked_calls, stored $stored, duplicates $duplicates, acknowledged events lost $missing; roll-ups count $rollup_in calls, the calls table $calls_in; longest gap without a successful answer ${gap} s (target < ${HA_GAP_TARGET} s)"
ok=1
[ "$LOAD_RC" -eq 0 ] || { log "the load gave up on some events"; ok=0; }
[ "$duplicates" -eq 0 ] || { log "FAIL: $duplicates calls stored more than once"; ok=0; }
[ "$missing" -eq 0 ] || { log "FAIL: $missing acknowledged events not stored"; ok=0; }
[ "$rollup_in" -eq "$calls_in" ] || { log "FAIL: roll-ups ($rollup_in) disagree with the calls ($calls_in)"; ok=0; }
python3 -c "import sys; sys.exit(0 if float('$gap') < $HA_GAP_TARGET else 1)" || { log "FAIL: gap ${gap} s"; ok=0; }
[ "$ok" -eq 1 ] && echo "failover-test: passed" || { echo "failover-test: FAILED"; exit 1; }
