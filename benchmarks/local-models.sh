#!/usr/bin/env bash
# Local model benchmark: load time per pool tier, per-token latency, batched throughput of the demo experts.
# Usage: benchmarks/local-models.sh [--models=a,b] [--reloads=5] [--batches=1,4,16,32] [--questions=64] [--large=DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl demo-experts,expert-adapters,benchmarks -am install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java_home=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null || true)
java_bin=${java_home:+$java_home/bin/}java
mkdir -p benchmarks/results
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  io.coerouter.bench.LocalModelBenchmark "$@" | tee "benchmarks/results/local-models-$(date +%F).txt"
