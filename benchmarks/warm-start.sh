#!/bin/sh
# Warm-start benchmark: builds the router jar and the benchmarks, then measures, per JVM/router variant, the time from
# process start to readiness and the latency of the first requests against a warm p50 (see benchmarks/README.md and
# docs/benchmarks.md#warm-start). Arguments pass through to the driver, e.g.
#   benchmarks/warm-start.sh --runs=3 --variants=exec-jar,aot-refresh,aot-traffic,warmup,aot-warmup
# Output goes to the terminal and to benchmarks/results/warm-start-<date>.txt (overwritten each day).
set -eu

cd "$(dirname "$0")/.."

echo "Building router-service and benchmarks ..."
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests
# The JDK ./mvnw picked (it finds a JDK 21+ even where the default java is older); the AOT cache needs JDK 25.
JAVA_HOME=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)
export JAVA_HOME

mkdir -p benchmarks/results
out="benchmarks/results/warm-start-$(date -u +%Y-%m-%d).txt"
# The driver's exit status, not tee's.
status_file=$(mktemp)
trap 'rm -f "$status_file"' EXIT
{
  rc=0
  "$JAVA_HOME/bin/java" -Dcoe.bench.java="$JAVA_HOME/bin/java" \
    -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar io.coerouter.bench.WarmStartBenchmark "$@" 2>&1 || rc=$?
  echo "$rc" > "$status_file"
} | tee "$out"
status=$(cat "$status_file")
echo "Results written to $out"
exit "${status:-1}"
