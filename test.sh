#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (as root), starts a throwaway PostgreSQL
# on a free loopback port, runs every test project, and ends with "N passed, N failed, N skipped".
# With CI=true a skipped test fails the run.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export PATH="$PATH:/usr/sbin:/sbin"  # haproxy lives in /usr/sbin, not always on a CI shell's PATH
WORK=$(mktemp -d /tmp/hotline95-test.XXXXXX)
chmod 755 "$WORK"
PG_DATA="$WORK/pg"
PG_RUN=()

log() { echo "test.sh: $*" >&2; }

install_missing() {
  local need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  # grep without -q reads to the end: with -q it stops at the first match, fc-list dies of SIGPIPE, and under pipefail
  # the fonts counted as missing, so every run installed them again.
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)
  command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)  # the import benchmark's baseline
  command -v patroni >/dev/null 2>&1 || need+=(patroni)   # the failover test (deploy/ha)
  command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
  command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
  if [ ${#need[@]} -eq 0 ]; then return; fi
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${need[*]} and not root: those tests will skip"
    return
  fi
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
}

free_port() {
  local port
  for port in $(seq 54329 54429); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ]; then log "PostgreSQL not installed: PostgreSQL tests will skip"; return; fi
  if [ "$(id -u)" -eq 0 ]; then PG_RUN=(runuser -u postgres --); fi  # initdb and pg_ctl refuse root
  mkdir -p "$PG_DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA"
  PG_PORT=$(free_port)
  "${PG_RUN[@]}" "$bin/initdb" -D "$PG_DATA/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1
  # A synchronous standby that never connects: commits do not wait for it (synchronous_commit=off), except in the one test
  # that sets synchronous_commit=on to hold PostgreSQL's NOTIFY lock in a commit (DeskTestsOnPostgres).
  "${PG_RUN[@]}" "$bin/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c synchronous_standby_names=hotline95_absent_standby" \
    start >/dev/null
  PG_BIN="$bin"
  export HOTLINE95_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true"
  export PATH="$bin:$PATH"  # pg_dump for the tests that inspect a dump
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

# A SoftHSM2 token for the PKCS#11 master-key tests, in this run's own token directory.
setup_softhsm() {
  local lib
  lib=$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so 2>/dev/null | head -1 || true)
  if [ -z "$lib" ] || ! command -v softhsm2-util >/dev/null 2>&1; then log "SoftHSM2 not installed: PKCS#11 tests will skip"; return; fi
  mkdir -p "$WORK/softhsm/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$WORK/softhsm/tokens" > "$WORK/softhsm/softhsm2.conf"
  export SOFTHSM2_CONF="$WORK/softhsm/softhsm2.conf"
  if ! softhsm2-util --init-token --free --label hotline95-tests --pin 95588 --so-pin 95599 >"$WORK/softhsm/init.log" 2>&1; then
    log "SoftHSM2 token not initialised ($(tail -1 "$WORK/softhsm/init.log")): PKCS#11 tests will skip"; return
  fi
  export HOTLINE95_TEST_PKCS11="$lib"
  log "SoftHSM2 token hotline95-tests ($lib)"
}

cleanup() {
  if [ -n "${PG_BIN:-}" ]; then "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

install_missing
start_postgres
setup_softhsm
if command -v chromium >/dev/null 2>&1; then export HOTLINE95_TEST_CHROMIUM=$(command -v chromium); fi

RESULTS="$WORK/results"
set +e
dotnet test "$ROOT/Hotline95.slnx" --logger "trx" --results-directory "$RESULTS" 2>&1 | tee "$WORK/dotnet-test.log"
STATUS=${PIPESTATUS[0]}
set -e

# The failover test (deploy/ha/failover-test.sh): the whole HA stack on this machine, the primary killed under load.
# It counts as one test; it needs Debian's patroni, etcd-server and haproxy, and is skipped without them.
FAILOVER=skipped
# dotnet test builds the test projects and what they reference, not the benchmark that generates the load: build it here.
if [ ! -f "$ROOT/bench/Hotline95.Bench/bin/Debug/net10.0/Hotline95.Bench.dll" ]; then
  dotnet build "$ROOT/bench/Hotline95.Bench" -v q -nologo >"$WORK/bench-build.log" 2>&1 || { log "the benchmark did not build:"; tail -20 "$WORK/bench-build.log" >&2; }
fi
HA_MISSING=()
command -v patroni >/dev/null 2>&1 || HA_MISSING+=(patroni)
command -v etcd >/dev/null 2>&1 || HA_MISSING+=(etcd)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || HA_MISSING+=(haproxy)
[ -f "$ROOT/src/Hotline95/bin/Debug/net10.0/hotline95.dll" ] || HA_MISSING+=(hotline95.dll)
[ -f "$ROOT/bench/Hotline95.Bench/bin/Debug/net10.0/Hotline95.Bench.dll" ] || HA_MISSING+=(Hotline95.Bench.dll)
if [ ${#HA_MISSING[@]} -eq 0 ]; then
  log "failover test (deploy/ha, at most 5 minutes)"
  if HA_WORK="$WORK/ha" HA_APP="$ROOT/src/Hotline95/bin/Debug/net10.0" HA_BENCH="$ROOT/bench/Hotline95.Bench/bin/Debug/net10.0" \
     timeout 300 "$ROOT/deploy/ha/failover-test.sh" >"$WORK/failover.log" 2>&1; then
    FAILOVER=passed
  else
    FAILOVER=failed
  fi
  grep -E "^failover-test:|LONGEST_GAP" "$WORK/failover.log" >&2 || true
  [ "$FAILOVER" = passed ] || tail -40 "$WORK/failover.log" >&2
else
  log "the failover test is skipped: missing ${HA_MISSING[*]}"
fi

# The slowest tests, to keep the suite within its time (CI runs it on 2 cores).
python3 - "$RESULTS" >&2 <<'PY' || true
import glob, re, sys
rows = []
for f in glob.glob(sys.argv[1] + "/*.trx"):
    for name, d in re.findall(r'<UnitTestResult [^>]*testName="([^"]*)"[^>]*duration="([^"]*)"', open(f, encoding="utf-8").read()):
        h, m, s = d.split(":")
        rows.append((int(h) * 3600 + int(m) * 60 + float(s), name))
print("test.sh: slowest tests: " + "; ".join(f"{n.split('.')[-1][:70]} {t:.0f} s" for t, n in sorted(rows, reverse=True)[:12]))
PY
count() { { cat "$RESULTS"/*.trx 2>/dev/null || true; } | { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" || true; } | wc -l | tr -d ' '; }
PASSED=$(count Passed)
FAILED=$(count Failed)
SKIPPED=$(count NotExecuted)
case "$FAILOVER" in
  passed) PASSED=$((PASSED + 1)) ;;
  failed) FAILED=$((FAILED + 1)); STATUS=1 ;;
  *) SKIPPED=$((SKIPPED + 1)) ;;
esac

if [ "${CI:-}" = "true" ] && [ "$SKIPPED" -gt 0 ]; then
  log "CI=true and $SKIPPED test(s) skipped: a skipped test fails the run"
  grep -h -A2 "outcome=\"NotExecuted\"" "$RESULTS"/*.trx | head -20 >&2 || true
  STATUS=1
fi
if [ "$PASSED" -eq 0 ]; then STATUS=1; fi
if [ "$STATUS" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
  # A test project that does not build runs no test: its tests are missing from the counts, not failed.
  log "dotnet test failed without a failing test (a project did not build?):"
  grep -E ": error |Build FAILED" "$WORK/dotnet-test.log" | sort -u | head -10 >&2 || true
  FAILED=1
fi

echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
exit "$STATUS"
