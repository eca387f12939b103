#!/usr/bin/env bash
# The response cache's semantic threshold on the labelled pair set benchmarks/data/cache-pairs.jsonl: paraphrase hit
# rate and false-hit rate per threshold (0.80-0.99), with and without the near-miss guard, for bge-small and MiniLM.
# Usage: benchmarks/cache-quality.sh [--pairs=FILE] [--encoders=bge-small,minilm] [--target=0.005] [--show=40]
#                                    [--make-unrelated=DEV.jsonl] [--max-chars=1000]
# Builds the reactor's jars (package, never install) and runs the benchmark on the reactor classpath; the output is
# also written to benchmarks/results/cache-quality-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building benchmarks and what it needs ..." >&2
./mvnw -q -B -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
java_home=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null || true)
java_bin=${java_home:+$java_home/bin/}java
mkdir -p benchmarks/results
"$java_bin" --enable-native-access=ALL-UNNAMED \
  -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  io.coerouter.bench.CacheQualityBenchmark "$@" | tee "benchmarks/results/cache-quality-$(date -u +%F).txt"
