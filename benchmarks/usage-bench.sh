#!/usr/bin/env bash
# Usage analytics on a real PostgreSQL server (docs/benchmarks.md#usage-analytics):
#   benchmarks/usage-bench.sh [--url=jdbc:postgresql://127.0.0.1:5432/test] [--user=postgres] [--password=]
#     [--requests=200000] [--rows=10000000] [--queries=20]
# The program creates a database of its own on that server (coe_usage_bench_<random>) and drops it at the end.
# Builds router-service and the benchmarks with `package` (nothing is installed into ~/.m2), then runs
# io.coerouter.bench.UsageAnalyticsBenchmark with the JDK ./mvnw picks. Output: the terminal and
# benchmarks/results/usage-analytics-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java_home=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)
mkdir -p benchmarks/results
out="benchmarks/results/usage-analytics-$(date -u +%F).txt"
"$java_home/bin/java" -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  io.coerouter.bench.UsageAnalyticsBenchmark "$@" 2>&1 | grep --line-buffered -v '^\[' | tee "$out"
rc=${PIPESTATUS[0]}
echo "Results written to $out"
exit "$rc"
