#!/usr/bin/env bash
# JMH microbenchmarks of the hot paths (key and row encoding, the storage engine's point read and
# write, pgwire DataRow encoding). Never part of the test suite: this script is the only way in.
#   bench/micro.sh                          every benchmark with its own warm-up and iterations
#   bench/micro.sh -f 1 -wi 2 -i 3 -r 1s -w 1s     a quick pass
#   bench/micro.sh StorageBenchmark -prof gc        any JMH arguments (regexp, profilers, -h)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

export JAVA_HOME=$(./tessera jdk)
echo "micro: building tessera-microbench" >&2
./mvnw -q -B -ntp -pl tessera-microbench -am -DskipTests package >&2

exec "$JAVA_HOME/bin/java" -cp "$ROOT/tessera-microbench/target/tessera-microbench.jar:$ROOT/tessera-microbench/target/lib/*" \
  org.openjdk.jmh.Main "$@"
