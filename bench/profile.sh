#!/usr/bin/env bash
# Where Tessera's time goes: one workload of bench/run.sh against one Tessera node (or --nodes N
# joined into a cluster, clients spread over them) with Java Flight Recorder on, then each node's
# hot methods by sample count and where its connections wait.
#   bench/profile.sh [--workload ycsb-a] [--seconds 30] [--rows 20000] [--threads 8] [--nodes 1]
#                    [--top 15] [--dump-every 2] [--out DIR]
# --workload is a substring of a workload name as bench/run.sh prints them (insert, ycsb-c, ycsb-a,
# aggregate). The recording starts (jcmd JFR.start, settings=profile) once the workload's preload is
# done, so it holds the timed run only, and is written to DIR/<workload>.jfr (default
# target/profile; DIR/<workload>-node<i>.jfr with --nodes) when the run ends. It then prints, per node:
#   - hot-methods: the top frame of each execution sample (threads running Java code);
#   - cpu-time-hot-methods: the same from CPU-time samples (JDK 25's jdk.CPUTimeSample, which also
#     sees threads inside native code such as RocksDB's JNI calls), when the JDK has them;
#   - the first io.tessera frame of each execution sample, so that time in libraries is charged
#     to the Tessera code that called them, and the samples per thread (bench/jfr_top.py);
#   - wall-clock: where the connection threads are, running or waiting (for a Raft commit, the
#     timestamp oracle, the client's next statement), counted over thread dumps taken every
#     --dump-every seconds of the run (bench/threaddump_top.py). JFR alone cannot say this: the
#     connections are virtual threads, and JDK 25's JFR recorded no park events for them. Each
#     dump starts a jcmd JVM, which takes some CPU from the run.
# To record a node's whole life instead, start it with the JVM options ./tessera passes on:
#   TESSERA_JAVA_OPTS='-XX:StartFlightRecording=filename=node.jfr,settings=profile' ./tessera start …
# Run it under the machine's benchmark lock: flock /work/wt/cpu.lock bench/profile.sh …
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

WORKLOAD=ycsb-a; SECONDS_PER_RUN=30; ROWS=20000; THREADS=8; TOP=15; OUT="$ROOT/target/profile"; DUMP_EVERY=2; NODES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --workload) WORKLOAD=$2; shift ;;
    --seconds) SECONDS_PER_RUN=$2; shift ;;
    --rows) ROWS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --nodes) NODES=$2; shift ;;
    --top) TOP=$2; shift ;;
    --out) OUT=$2; shift ;;
    --dump-every) DUMP_EVERY=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME=$(./tessera jdk)
./mvnw -q -B -ntp -DskipTests package >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/tessera-profile.XXXXXX)
mkdir -p "$OUT"
NAME=$(printf '%s' "$WORKLOAD" | tr -c 'A-Za-z0-9_-' '_')
jfr_file() { [ "$NODES" = 1 ] && echo "$OUT/$NAME.jfr" || echo "$OUT/$NAME-node$1.jfr"; }
NODE_PIDS=(); BENCH_PID=""
cleanup() {
  [ -n "$BENCH_PID" ] && kill "$BENCH_PID" 2>/dev/null || true
  for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Node 1 founds the cluster; the others join it through its RPC address (as bench/run.sh does).
HOSTS=(); JOIN=()
for i in $(seq 1 "$NODES"); do
  sql=$(free_port); rpc=$(free_port)
  ./tessera start --data-dir "$WORK/tessera$i" --sql-addr "127.0.0.1:$sql" --http-addr "127.0.0.1:$(free_port)" \
    --rpc-addr "127.0.0.1:$rpc" "${JOIN[@]}" > "$WORK/tessera$i.log" 2>&1 &
  NODE_PIDS+=($!)   # ./tessera execs java: this is the node's JVM
  HOSTS+=("127.0.0.1:$sql")
  [ "$i" = 1 ] && JOIN=(--join "127.0.0.1:$rpc")
  for _ in $(seq 1 120); do
    psql -X -q -h 127.0.0.1 -p "$sql" -U tessera -d tessera -c 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
done
SQL1=${HOSTS[0]##*:}
for _ in $(seq 1 120); do
  live=$(psql -X -qAt -h 127.0.0.1 -p "$SQL1" -U tessera -d tessera \
    -c "SELECT count(*) FROM tessera.nodes WHERE state = 'live'" 2>/dev/null || echo 0)
  [ "$live" = "$NODES" ] && break
  sleep 0.5
done
URL="jdbc:postgresql://$(IFS=,; echo "${HOSTS[*]}")/tessera"
[ "$NODES" -gt 1 ] && URL="$URL?loadBalanceHosts=true"
echo "profile: $NODES node(s) ${HOSTS[*]} (pids ${NODE_PIDS[*]}), workload '$WORKLOAD', $SECONDS_PER_RUN s" >&2

"$JAVA_HOME/bin/java" -cp "$ROOT/tessera-bench/target/tessera-bench.jar:$ROOT/tessera-bench/target/lib/*" \
  io.tessera.bench.BenchMain --tessera "$URL" \
  --seconds "$SECONDS_PER_RUN" --rows "$ROWS" --threads "$THREADS" --rounds 1 --workloads "$WORKLOAD" \
  --go-file "$WORK/go" > "$WORK/bench.out" 2> "$WORK/bench.err" &
BENCH_PID=$!
# BenchMain prints "<workload> prepared" after the preload, then waits for the go file: the
# recordings start in between, so that they hold the whole timed run and nothing else.
until grep -qs ' prepared$' "$WORK/bench.err"; do
  kill -0 "$BENCH_PID" 2>/dev/null || { cat "$WORK/bench.err" >&2; echo "profile: no workload matched" >&2; exit 1; }
  sleep 0.2
done
# A small client JVM for each jcmd: it competes with the run for the same two cores.
jcmd() { "$JAVA_HOME/bin/jcmd" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC "$@"; }
for pid in "${NODE_PIDS[@]}"; do
  # CPU-time sampling (JDK 25+) is asked for by its event setting; an older JDK rejects it.
  jcmd "$pid" JFR.start name=bench settings=profile 'jdk.CPUTimeSample#enabled=true' >/dev/null \
    || jcmd "$pid" JFR.start name=bench settings=profile >/dev/null
done
touch "$WORK/go"
n=0
while kill -0 "$BENCH_PID" 2>/dev/null; do
  sleep "$DUMP_EVERY"
  kill -0 "$BENCH_PID" 2>/dev/null || break
  n=$((n + 1))
  # The nodes are dumped at once, so that one round of dumps costs one jcmd's latency.
  dumpers=()
  for i in $(seq 1 "$NODES"); do
    mkdir -p "$WORK/dumps$i"
    jcmd "${NODE_PIDS[$((i - 1))]}" Thread.dump_to_file -format=json "$WORK/dumps$i/$n.json" >/dev/null 2>&1 &
    dumpers+=($!)
  done
  for pid in "${dumpers[@]}"; do wait "$pid" || true; done
done
echo "profile: $n thread dumps per node" >&2
wait "$BENCH_PID"; BENCH_PID=""
for i in $(seq 1 "$NODES"); do
  jcmd "${NODE_PIDS[$((i - 1))]}" JFR.stop name=bench filename="$(jfr_file "$i")" >/dev/null
done
grep -v '^WARNING' "$WORK/bench.err" >&2 || true
grep '^|' "$WORK/bench.out" | tail -1

JFR="$JAVA_HOME/bin/jfr"
report() { # node number
  local file; file=$(jfr_file "$1")
  echo; echo "=== node $1 (${HOSTS[$(($1 - 1))]}): recording $file"
  echo; "$JFR" view --width 150 hot-methods "$file" | head -$((TOP + 5))
  if "$JFR" view --width 150 cpu-time-hot-methods "$file" > "$WORK/cpu.txt" 2>/dev/null \
     && [ "$(wc -l < "$WORK/cpu.txt")" -gt 6 ]; then
    echo; head -$((TOP + 5)) "$WORK/cpu.txt"
  fi
  echo
  "$JFR" print --json --stack-depth 96 \
    --events jdk.CPUTimeSample,jdk.ExecutionSample,jdk.ThreadPark,jdk.JavaMonitorEnter,jdk.JavaMonitorWait,jdk.SocketRead,jdk.FileForce \
    "$file" | python3 "$ROOT/bench/jfr_top.py" --top "$TOP"
  local dumps=("$WORK/dumps$1"/*.json)
  [ -e "${dumps[0]}" ] && python3 "$ROOT/bench/threaddump_top.py" --top "$TOP" "${dumps[@]}"
}
for i in $(seq 1 "$NODES"); do report "$i"; done
