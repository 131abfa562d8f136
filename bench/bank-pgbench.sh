#!/usr/bin/env bash
# The issue 4 bank as its reviewer runs it (not run by CI; BankTest is the JUnit version): a fresh
# three-node cluster, 20 accounts in a table of six fragments with three replicas, and pgbench
# running a transfer script (BEGIN; two UPDATEs; END) with -c 8 -j 2 --max-tries=10 through node 1
# for --seconds; a third of the way in, node 3 is killed with kill -9, two thirds in it is restarted.
# Afterwards SELECT sum(balance) must be exact through every node. Prints pgbench's report, the
# sums, and PASS or FAIL (exit code 1 on FAIL).
#   bench/bank-pgbench.sh [--seconds 60] [--clients 8]
set -euo pipefail
cd "$(dirname "$0")/.."

PGBENCH=/usr/lib/postgresql/15/bin/pgbench; [ -x "$PGBENCH" ] || PGBENCH=pgbench
RUN_SECONDS=60; CLIENTS=8; ACCOUNTS=20; INITIAL=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) RUN_SECONDS=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME=$(./tessera jdk)
./mvnw -q -B -ntp -DskipTests package >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/tessera-bank.XXXXXX)
declare -A PID SQL RPC HTTP DIR
cleanup() {
  for n in 1 2 3; do [ -n "${PID[$n]:-}" ] && kill "${PID[$n]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

sql() { psql -X -qAt -h 127.0.0.1 -p "$1" -U tessera -d tessera -v ON_ERROR_STOP=1 "${@:2}"; }
await_sql() {
  for _ in $(seq 1 240); do sql "$1" -c 'SELECT 1' >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "bank: node on port $1 does not serve SQL" >&2; exit 1
}
await_live() {
  for _ in $(seq 1 480); do
    [ "$(sql "${SQL[1]}" -c "SELECT count(*) FROM tessera.nodes WHERE state = 'live'" 2>/dev/null || echo 0)" = 3 ] && return 0
    sleep 0.5
  done
  echo "bank: the cluster does not see 3 live nodes" >&2; exit 1
}
# Node $1 with the flags it keeps across a restart (node 1 founds the cluster, 2 and 3 join it).
launch() {
  local n=$1 join=()
  [ "$n" != 1 ] && join=(--join "127.0.0.1:${RPC[1]}")
  ./tessera start --data-dir "${DIR[$n]}" --sql-addr "127.0.0.1:${SQL[$n]}" --http-addr "127.0.0.1:${HTTP[$n]}" \
    --rpc-addr "127.0.0.1:${RPC[$n]}" "${join[@]}" >> "$WORK/node$n.log" 2>&1 &
  PID[$n]=$!
  await_sql "${SQL[$n]}"
}

for n in 1 2 3; do
  SQL[$n]=$(free_port); RPC[$n]=$(free_port); HTTP[$n]=$(free_port); DIR[$n]=$WORK/node$n
  launch "$n"
done
await_live
echo "bank: cluster up: SQL ports ${SQL[1]} ${SQL[2]} ${SQL[3]}; logs in $WORK" >&2

sql "${SQL[1]}" -c "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) WITH (fragments = 6, replicas = 3)"
for _ in $(seq 1 120); do
  [ "$(sql "${SQL[1]}" -c "SELECT count(*) FROM tessera.fragments WHERE table_name = 'accounts' AND leader IS NOT NULL")" = 6 ] && break
  sleep 0.5
done
VALUES=""
for id in $(seq 1 "$ACCOUNTS"); do VALUES="$VALUES${VALUES:+, }($id, $INITIAL)"; done
sql "${SQL[1]}" -c "INSERT INTO accounts VALUES $VALUES"
TOTAL=$((ACCOUNTS * INITIAL))

cat > "$WORK/transfer.sql" <<EOF
\set from random(1, $ACCOUNTS)
\set to random(1, $ACCOUNTS)
\set amount random(1, 100)
BEGIN;
UPDATE accounts SET balance = balance - :amount WHERE id = :from;
UPDATE accounts SET balance = balance + :amount WHERE id = :to;
END;
EOF

"$PGBENCH" -h 127.0.0.1 -p "${SQL[1]}" -U tessera -n -f "$WORK/transfer.sql" -c "$CLIENTS" -j 2 -T "$RUN_SECONDS" \
  --max-tries=10 -P 5 tessera > "$WORK/pgbench.out" 2>&1 &
BENCH=$!
sleep $((RUN_SECONDS / 3))
echo "bank: kill -9 of node 3 (pid ${PID[3]})" >&2
kill -9 "${PID[3]}"; wait "${PID[3]}" 2>/dev/null || true
sleep $((RUN_SECONDS / 3))
echo "bank: restarting node 3" >&2
launch 3
BENCH_EXIT=0; wait "$BENCH" || BENCH_EXIT=$?
await_live
cat "$WORK/pgbench.out"

RESULT=PASS
[ "$BENCH_EXIT" = 0 ] || { echo "bank: pgbench exited with $BENCH_EXIT"; RESULT=FAIL; }
for n in 1 2 3; do
  got=$(sql "${SQL[$n]}" -c "BEGIN ISOLATION LEVEL REPEATABLE READ" -c "SELECT sum(balance) || ' ' || count(*) FROM accounts" -c "COMMIT")
  echo "bank: through node $n: sum(balance) count(*) = $got (expected $TOTAL $ACCOUNTS)"
  [ "$got" = "$TOTAL $ACCOUNTS" ] || RESULT=FAIL
done
echo "bank: $RESULT"
[ "$RESULT" = PASS ]
