#!/usr/bin/env bash
# Side-by-side benchmark: a throwaway PostgreSQL 15 and a single Tessera node on free loopback
# ports, the same JDBC workloads against both, then pgbench select-only and TPC-B-like against
# both, alternating, one table of ratios at the end.
#   bench/run.sh [--quick] [--pgbench] [--scale N] [--nodes N] [--workloads insert,ycsb-c,pgbench,...]
# --nodes 3 runs Tessera as a cluster of three node processes on this machine (tables then have
# three replicas): JDBC clients spread over the nodes (pgjdbc loadBalanceHosts), pgbench uses node 1.
# PostgreSQL then runs as the issue's replicated counterpart: a primary and two streaming standbys
# (pg_basebackup -R, application_name s1 and s2) with synchronous_standby_names = 'ANY 1 (s1, s2)'
# and synchronous_commit=on, so a commit waits for its WAL on the primary's disk and on one
# standby's; clients talk to the primary only. --pg-standbys N overrides the count (0: one server).
# pgbench runs in the default (full) run, and in a --quick run only when --pgbench is given.
# Both databases acknowledge a write only once it is durable on disk (PostgreSQL: fsync=on,
# synchronous_commit=on, its defaults; Tessera: the Raft log is fsynced before the reply).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PGBIN=/usr/lib/postgresql/15/bin
SECONDS_PER_RUN=20; ROWS=100000; ROUNDS=2; EXTRA=(); QUICK=0; PGBENCH=0; SCALE=""; NODES=1; STANDBYS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SECONDS_PER_RUN=5; ROWS=20000; QUICK=1 ;;
    --pgbench) PGBENCH=1 ;;
    --scale) SCALE=$2; shift ;;
    --nodes) NODES=$2; shift ;;
    --pg-standbys) STANDBYS=$2; shift ;;
    --workloads) EXTRA+=(--workloads "$2"); shift ;;
    --seconds) SECONDS_PER_RUN=$2; shift ;;
    --rows) ROWS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# Scale 10 (a million accounts) as the issue's reference figures; scale 1 keeps --quick quick.
[ "$QUICK" = 0 ] && PGBENCH=1
[ -z "$SCALE" ] && { [ "$QUICK" = 1 ] && SCALE=1 || SCALE=10; }
# A replicated Tessera is compared with a replicated PostgreSQL: two quorum standbys from 3 nodes.
[ -z "$STANDBYS" ] && { [ "$NODES" -ge 3 ] && STANDBYS=2 || STANDBYS=0; }
[ "$PGBENCH" = 1 ] && EXTRA+=(--pgbench --pgbench-bin "$PGBIN/pgbench" --pgbench-scale "$SCALE")

if [ ! -x "$PGBIN/postgres" ]; then
  echo "bench: installing PostgreSQL 15 from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi

export JAVA_HOME=$(./tessera jdk)
./mvnw -q -B -ntp -DskipTests package >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/tessera-bench.XXXXXX)
# PostgreSQL runs as the postgres user: it creates its data directory and log in here.
chmod 755 "$WORK"; chown postgres "$WORK"
PG_PORT=$(free_port)
T_PIDS=(); PG_DIRS=("$WORK/pg")
cleanup() {
  for pid in "${T_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${T_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The primary first: a standby stopped first would leave a quorum commit waiting.
  for dir in "${PG_DIRS[@]}"; do
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

pg() { runuser -u postgres -- "$@"; }
pg_start() { # data dir, port, log
  pg "$PGBIN/pg_ctl" -D "$1" -l "$3" \
    -o "-p $2 -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=100" -w start >/dev/null
}
pg_sql() { psql -X -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "$1"; }

echo "bench: PostgreSQL on 127.0.0.1:$PG_PORT, work dir $WORK" >&2
pg "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
pg_start "$WORK/pg" "$PG_PORT" "$WORK/pg.log"
PG_SETUP="one server"

# Standbys: a base backup of the primary each (-R writes standby.signal and a primary_conninfo
# that keeps the application_name the primary's quorum list names), started on their own ports.
if [ "$STANDBYS" -gt 0 ]; then
  NAMES=()
  for i in $(seq 1 "$STANDBYS"); do
    dir="$WORK/pg-s$i"; port=$(free_port); PG_DIRS+=("$dir"); NAMES+=("s$i")
    pg "$PGBIN/pg_basebackup" -D "$dir" -R -X stream -c fast \
      -d "host=127.0.0.1 port=$PG_PORT user=postgres application_name=s$i"
    pg_start "$dir" "$port" "$WORK/pg-s$i.log"
    echo "bench: PostgreSQL standby s$i on 127.0.0.1:$port" >&2
  done
  QUORUM="ANY 1 ($(IFS=,; echo "${NAMES[*]}" | sed 's/,/, /g'))"
  pg_sql "ALTER SYSTEM SET synchronous_standby_names = '$QUORUM'" >/dev/null
  pg_sql "ALTER SYSTEM SET synchronous_commit = 'on'" >/dev/null
  pg_sql "SELECT pg_reload_conf()" >/dev/null
  streaming=0
  for _ in $(seq 1 120); do
    streaming=$(pg_sql "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state = 'quorum'")
    [ "$streaming" = "$STANDBYS" ] && break
    sleep 0.5
  done
  if [ "$streaming" != "$STANDBYS" ]; then
    echo "bench: only $streaming of $STANDBYS standbys stream in quorum:" >&2
    pg_sql "SELECT application_name, state, sync_state FROM pg_stat_replication" >&2
    exit 1
  fi
  pg_sql "SELECT application_name, state, sync_state FROM pg_stat_replication ORDER BY 1" \
    | sed 's/^/bench: replication /' >&2
  PG_SETUP="a primary and $STANDBYS streaming standbys on this machine, synchronous_standby_names = '$(pg_sql "SHOW synchronous_standby_names")', synchronous_commit=$(pg_sql "SHOW synchronous_commit"); clients use the primary only"
fi

# Node 1 founds the cluster; the others join it through its RPC address.
T_HOSTS=(); JOIN=()
for n in $(seq 1 "$NODES"); do
  sql=$(free_port); http=$(free_port); rpc=$(free_port)
  ./tessera start --data-dir "$WORK/tessera$n" --sql-addr "127.0.0.1:$sql" --http-addr "127.0.0.1:$http" \
    --rpc-addr "127.0.0.1:$rpc" "${JOIN[@]}" > "$WORK/tessera$n.log" 2>&1 &
  T_PIDS+=($!); T_HOSTS+=("127.0.0.1:$sql")
  [ "$n" = 1 ] && JOIN=(--join "127.0.0.1:$rpc")
  for _ in $(seq 1 120); do
    psql -X -q -h 127.0.0.1 -p "$sql" -U tessera -d tessera -c 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
done
T_SQL=${T_HOSTS[0]##*:}
for _ in $(seq 1 120); do
  live=$(psql -X -qAt -h 127.0.0.1 -p "$T_SQL" -U tessera -d tessera \
    -c "SELECT count(*) FROM tessera.nodes WHERE state = 'live'" 2>/dev/null || echo 0)
  [ "$live" = "$NODES" ] && break
  sleep 0.5
done
echo "bench: Tessera: $NODES node(s) ${T_HOSTS[*]}" >&2
T_URL="jdbc:postgresql://$(IFS=,; echo "${T_HOSTS[*]}")/tessera"
[ "$NODES" -gt 1 ] && T_URL="$T_URL?loadBalanceHosts=true"

# The physical limit of a durable commit: fdatasync of one 8 kB write, PostgreSQL's default
# wal_sync_method on Linux. grep stops at that line, which ends pg_test_fsync's other tests early.
echo "bench: measuring the disk's fsync rate (pg_test_fsync)" >&2
FSYNC=$("$PGBIN/pg_test_fsync" -s 2 -f "$WORK/fsync.test" 2>/dev/null \
  | grep -m1 -E '^[[:space:]]+fdatasync[[:space:]]+[0-9]' | awk '{print $2, $3, "("$4, $5")"}') || true
echo "bench: disk fdatasync ${FSYNC:-not measured}" >&2

"$JAVA_HOME/bin/java" -cp "$ROOT/tessera-bench/target/tessera-bench.jar:$ROOT/tessera-bench/target/lib/*" \
  io.tessera.bench.BenchMain \
  --tessera "$T_URL" \
  --postgres "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  --seconds "$SECONDS_PER_RUN" --rows "$ROWS" --rounds "$ROUNDS" "${EXTRA[@]}"
echo
echo "durability: both sides acknowledge a write only once it is durable on disk (PostgreSQL: fsync=on,"
echo "  synchronous_commit=on, its defaults; Tessera: the Raft log entry is fsynced before the reply)."
if [ "$STANDBYS" -gt 0 ] && [ "$NODES" -gt 1 ]; then
  echo "  Replicated: a commit waits for a majority of copies on disk (PostgreSQL: the primary's WAL and"
  echo "  one standby's; Tessera: the Raft entry fsynced on a majority of the $NODES replicas)."
fi
echo "disk: fdatasync ${FSYNC:-not measured} (pg_test_fsync, one 8 kB write per sync: the ceiling of"
echo "  one client's durable commits per second)"
echo "tessera: $NODES node process(es) on this machine"
echo "postgresql: $PG_SETUP"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
