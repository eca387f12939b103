#!/bin/sh
# Gateway-overhead benchmark: builds the gateway jar and the benchmarks, then measures the latency and CPU the
# gateway adds to a chat completion (see benchmarks/README.md). Arguments pass through to the driver, e.g.
#   benchmarks/gateway-overhead.sh --rates=200,500,1000 --duration=20
# Output goes to the terminal and to benchmarks/results/gateway-overhead-<date>.txt (overwritten each day).
set -eu

cd "$(dirname "$0")/.."

echo "Building router-service and benchmarks ..."
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests
# The JDK ./mvnw picked (it finds a JDK 21+ even where the default java is older).
JAVA_HOME=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)
export JAVA_HOME

mkdir -p benchmarks/results
out="benchmarks/results/gateway-overhead-$(date -u +%Y-%m-%d).txt"
# The driver's exit status, not tee's.
status_file=$(mktemp)
trap 'rm -f "$status_file"' EXIT
{
  rc=0
  "$JAVA_HOME/bin/java" -Dcoe.bench.java="$JAVA_HOME/bin/java" \
    -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar io.coerouter.bench.GatewayOverheadBenchmark "$@" 2>&1 || rc=$?
  echo "$rc" > "$status_file"
} | tee "$out"
status=$(cat "$status_file")
echo "Results written to $out"
exit "${status:-1}"
