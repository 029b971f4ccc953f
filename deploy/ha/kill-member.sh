#!/usr/bin/env bash
# Kills one PostgreSQL member as if its machine died: SIGKILL to Patroni and to its PostgreSQL (every process of
# that member, no shutdown, no goodbye to etcd). Usage: deploy/ha/kill-member.sh pg1 | primary
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/ha.env"
name=${1:?member name (pg1, pg2, …) or primary}
if [ "$name" = primary ]; then
  name=$(curl -sf "http://127.0.0.1:$((HA_REST_BASE + 1))/cluster" 2>/dev/null || curl -sf "http://127.0.0.1:$((HA_REST_BASE + 2))/cluster")
  name=$(echo "$name" | python3 -c 'import json,sys; print([m["name"] for m in json.load(sys.stdin)["members"] if m["role"] in ("leader","standby_leader")][0])')
fi
pids=$(pgrep -f "patroni $HA_WORK/$name.yml|postgres -D $HA_WORK/$name/data|postgres: hotline95: " | sort -u || true)
# Only the processes of this member: the postmaster's children share its process group.
postmaster=$(pgrep -f "postgres -D $HA_WORK/$name/data" || true)
group=""
[ -n "$postmaster" ] && group=$(ps -o pgid= -p "$postmaster" | tr -d ' ')
patroni=$(pgrep -f "patroni $HA_WORK/$name.yml" || true)
[ -n "$patroni" ] && kill -KILL $patroni 2>/dev/null || true
[ -n "$group" ] && kill -KILL -- "-$group" 2>/dev/null || true
echo "$name"
