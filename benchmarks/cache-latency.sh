#!/usr/bin/env bash
# The response cache's latency: one request at a time through the router (its own JVM) to a loopback upstream, with
# the cache off (baseline), on a miss, an exact hit and a semantic hit; memory store, and the Redis store with
# --stores=memory,redis. Also the encoders' time per embedding.
# Usage: benchmarks/cache-latency.sh [--requests=300] [--warmup=300] [--stores=memory[,redis]]
#                                    [--redis-url=redis://127.0.0.1:6379] [--redis-prefix=PREFIX] [--gateway-arg=...]
# Builds the reactor's jars (package, never install) and runs the benchmark on the reactor classpath; the output is
# also written to benchmarks/results/cache-latency-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building router-service, benchmarks and what they need ..." >&2
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >&2
java_home=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null || true)
java_bin=${java_home:+$java_home/bin/}java
mkdir -p benchmarks/results
"$java_bin" --enable-native-access=ALL-UNNAMED -Dcoe.bench.java="$java_bin" \
  -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  io.coerouter.bench.CacheLatencyBenchmark "$@" | tee "benchmarks/results/cache-latency-$(date -u +%F).txt"
