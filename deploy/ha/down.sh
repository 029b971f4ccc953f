#!/usr/bin/env bash
# Stops the one-machine HA stack started by up.sh and deletes its folder.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/ha.env"
[ -d "$HA_WORK" ] || exit 0
for pidfile in "$HA_WORK"/node*.pid "$HA_WORK"/haproxy.pid "$HA_WORK"/pg*.pid "$HA_WORK"/etcd.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  # Patroni members run in their own process group (setsid): take PostgreSQL down with them.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
done
sleep 2
for pidfile in "$HA_WORK"/*.pid; do [ -f "$pidfile" ] && { kill -KILL -- "-$(cat "$pidfile")" 2>/dev/null; kill -KILL "$(cat "$pidfile")" 2>/dev/null; }; done
pkill -KILL -f "postgres -D $HA_WORK/" 2>/dev/null
rm -rf "$HA_WORK"
echo "ha: stopped" >&2
