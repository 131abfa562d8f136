#!/usr/bin/env bash
# The issue 4 pgbench check at full size (not run by CI; PgbenchTest and PgbenchClusterTest run a
# short variant): on a fresh single node and on a fresh three-node cluster (pgbench's tables then
# get three replicas), `pgbench -i -s 10`, then `pgbench -c 8 -j 2 -T 60 --max-tries=10` in -M
# simple, extended and prepared. After each run it checks TPC-B's invariant (over the run
# sum(abalance), sum(bbalance) and sum(tbalance) change by the sum(delta) of the history it wrote;
# true only when transactions are atomic) and prints
# one line per run: target, mode, TPS, transactions, failed, retried, invariant. --postgres adds
# the same runs against a throwaway PostgreSQL 15 on this machine, for the ratio.
#   bench/pgbench-tx.sh [--scale 10] [--seconds 60] [--nodes "1 3"] [--modes "simple extended prepared"] [--postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=/usr/lib/postgresql/15/bin
PGBENCH=$PGBIN/pgbench; [ -x "$PGBENCH" ] || PGBENCH=pgbench
SCALE=10; RUN_SECONDS=60; TOPOLOGIES="1 3"; MODES="simple extended prepared"; POSTGRES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift ;;
    --seconds) RUN_SECONDS=$2; shift ;;
    --nodes) TOPOLOGIES=$2; shift ;;
    --modes) MODES=$2; shift ;;
    --postgres) POSTGRES=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME=$(./tessera jdk)
./mvnw -q -B -ntp -DskipTests package >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/tessera-pgbench-tx.XXXXXX)
PIDS=(); PG_DATA=""
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
  if [ -n "$PG_DATA" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
    PG_DATA=""
  fi
}
trap 'stop_all; rm -rf "$WORK"' EXIT
RESULTS=()

# Starts $1 fresh nodes under $WORK/$2; node 1 founds the cluster, the others join it. Sets PORT to node 1's SQL port.
start_tessera() {
  local count=$1 dir=$WORK/$2 join=() sql http rpc
  mkdir -p "$dir"
  for n in $(seq 1 "$count"); do
    sql=$(free_port); http=$(free_port); rpc=$(free_port)
    ./tessera start --data-dir "$dir/node$n" --sql-addr "127.0.0.1:$sql" --http-addr "127.0.0.1:$http" \
      --rpc-addr "127.0.0.1:$rpc" "${join[@]}" > "$dir/node$n.log" 2>&1 &
    PIDS+=($!)
    [ "$n" = 1 ] && { join=(--join "127.0.0.1:$rpc"); PORT=$sql; }
    for _ in $(seq 1 180); do
      psql -X -q -h 127.0.0.1 -p "$sql" -U tessera -d tessera -c 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
  done
  for _ in $(seq 1 240); do
    live=$(psql -X -qAt -h 127.0.0.1 -p "$PORT" -U tessera -d tessera \
      -c "SELECT count(*) FROM tessera.nodes WHERE state = 'live'" 2>/dev/null || echo 0)
    [ "$live" = "$count" ] && return 0
    sleep 0.5
  done
  echo "pgbench-tx: $count node(s) did not come up; logs in $dir" >&2
  exit 1
}

start_postgres() {
  PG_DATA=$WORK/pg; chmod 755 "$WORK"; chown postgres "$WORK"
  PORT=$(free_port)
  runuser -u postgres -- "$PGBIN/initdb" -D "$PG_DATA" -A trust -U tessera --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" \
    -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1" -w start >/dev/null
  runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U tessera tessera
}

# Runs the three modes against whatever listens on $PORT; $1 names the target in the results.
run_modes() {
  local target=$1 out
  echo "pgbench-tx: $target: pgbench -i -s $SCALE" >&2
  "$PGBENCH" -h 127.0.0.1 -p "$PORT" -U tessera -i -s "$SCALE" tessera >&2
  for mode in $MODES; do
    echo "pgbench-tx: $target: -M $mode -c 8 -j 2 -T $RUN_SECONDS --max-tries=10" >&2
    before=$(psql -X -qAt -F, -h 127.0.0.1 -p "$PORT" -U tessera -d tessera -c "SELECT (SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts),
      (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches), (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers)")
    out=$("$PGBENCH" -h 127.0.0.1 -p "$PORT" -U tessera -M "$mode" -c 8 -j 2 -T "$RUN_SECONDS" --max-tries=10 tessera 2>&1) \
      || echo "pgbench-tx: pgbench exited with $?" >&2
    echo "$out" >&2
    RESULTS+=("$(printf '%-12s %-9s tps %10s  transactions %8s  failed %6s  retried %6s  invariant %s' "$target" "$mode" \
      "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)" \
      "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")" \
      "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")" \
      "$(sed -n 's/^number of transactions retried: \([0-9]*\).*/\1/p' <<<"$out")" \
      "$(invariant "$before")")")
  done
}

# TPC-B: over a run the three balance sums change by the same amount, the sum of the deltas in
# history (which pgbench truncates when a run starts). $1 is "a,b,t" before the run.
invariant() {
  local a0 b0 t0
  IFS=, read -r a0 b0 t0 <<<"$1"
  psql -X -qAt -h 127.0.0.1 -p "$PORT" -U tessera -d tessera -c \
    "SELECT CASE WHEN a - $a0 = h AND b - $b0 = h AND t - $t0 = h THEN 'holds (change ' || h || ')'
       ELSE 'BROKEN: changes accounts ' || (a - $a0) || ' branches ' || (b - $b0) || ' tellers ' || (t - $t0) || ' history ' || h END
     FROM (SELECT (SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts) a, (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches) b,
                  (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers) t, (SELECT coalesce(sum(delta), 0) FROM pgbench_history) h) s" 2>&1 | head -1
}

for n in $TOPOLOGIES; do
  start_tessera "$n" "tessera-$n"
  run_modes "tessera-${n}n"
  stop_all
done
if [ "$POSTGRES" = 1 ]; then
  start_postgres
  run_modes "postgresql"
  stop_all
fi

echo
echo "pgbench TPC-B-like, scale $SCALE, -c 8 -j 2 -T $RUN_SECONDS --max-tries=10, $(nproc) cores:"
printf '%s\n' "${RESULTS[@]}"
