#!/bin/sh
# A thousand streams: holds N concurrent SSE chat streams through the router (its own JVM, one openai expert on a
# slow loopback streaming upstream) and samples the router's heap after GC, threads, TCP connections and fds; then
# checks that nothing is left once the clients are gone (see benchmarks/README.md). Arguments pass through, e.g.
#   benchmarks/sse-streams.sh --streams=1000 --duration=600
#   benchmarks/sse-streams.sh --streams=200 --duration=120
# Output goes to the terminal and to benchmarks/results/sse-streams-<date>.txt (overwritten each day).
set -eu

cd "$(dirname "$0")/.."

echo "Building router-service and benchmarks ..."
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests
# The JDK ./mvnw picked (it finds a JDK 21+ even where the default java is older).
JAVA_HOME=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)
export JAVA_HOME

mkdir -p benchmarks/results
out="benchmarks/results/sse-streams-$(date -u +%Y-%m-%d).txt"
# The driver's exit status, not tee's.
status_file=$(mktemp)
trap 'rm -f "$status_file"' EXIT
{
  rc=0
  "$JAVA_HOME/bin/java" -Dcoe.bench.java="$JAVA_HOME/bin/java" \
    -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar \
    io.coerouter.bench.SseStreamsBenchmark "$@" 2>&1 || rc=$?
  echo "$rc" > "$status_file"
} | tee "$out"
status=$(cat "$status_file")
echo "Results written to $out"
exit "${status:-1}"
