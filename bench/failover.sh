#!/usr/bin/env bash
# Failover benchmark (issue 3): three node processes on loopback, four clients inserting through
# the surviving nodes, then repeatedly kill -9 of the node leading the most fragments, restart,
# wait until it caught up. Prints each kill's unavailability window (the longest gap in
# acknowledged inserts around the kill) and p50 / worst over the kills. Not part of the test suite.
#   bench/failover.sh [--kills 20] [--victim leaders|meta|both] [--clients 4]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

export JAVA_HOME=$(./tessera jdk)
CP_FILE=$(mktemp /tmp/tessera-failover-cp.XXXXXX)
trap 'rm -f "$CP_FILE"' EXIT
echo "failover: building tessera-it and its test classes" >&2
# -am builds the node's modules too; build-classpath writes each module's classpath to the same
# file, and tessera-it, which depends on all the others, comes last in the reactor.
./mvnw -q -B -ntp -pl tessera-it -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2

"$JAVA_HOME/bin/java" -cp "$ROOT/tessera-it/target/test-classes:$(cat "$CP_FILE")" \
  io.tessera.it.FailoverBenchmark "$@"
