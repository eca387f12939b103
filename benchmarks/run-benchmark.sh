#!/usr/bin/env bash
# Builds what a JVM benchmark needs and runs its main class, keeping a copy of the output under benchmarks/results.
# Usage: benchmarks/run-benchmark.sh MAIN_CLASS RESULT_NAME [benchmark options...]
set -euo pipefail
cd "$(dirname "$0")/.."
main=$1 name=$2
shift 2
./mvnw -q -B -pl demo-experts,expert-adapters/expert-api,expert-adapters/expert-langchain4j,expert-adapters/expert-djl,expert-adapters/expert-resilience,skill-profiler,embeddings-minilm,embeddings-bge,aggregator,router-service,benchmarks -am install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java_home=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null || true)
java_bin=${java_home:+$java_home/bin/}java
mkdir -p benchmarks/results
"$java_bin" --enable-native-access=ALL-UNNAMED \
  -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  "$main" "$@" | tee "benchmarks/results/$name-$(date +%F).txt"
