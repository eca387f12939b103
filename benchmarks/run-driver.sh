#!/bin/sh
# Builds the router jar and the benchmarks, then runs a driver that needs nothing but the JDK and the benchmarks jar
# (it starts the router as its own process), keeping a copy of its output.
# Usage: benchmarks/run-driver.sh MAIN_CLASS RESULT_NAME [driver options...]
# Output goes to the terminal and to benchmarks/results/RESULT_NAME-<UTC date>.txt (overwritten each day).
set -eu

cd "$(dirname "$0")/.."
main=$1 name=$2
shift 2

echo "Building router-service and benchmarks ..."
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests
# The JDK ./mvnw picked (it finds a JDK 21+ even where the default java is older).
JAVA_HOME=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)
export JAVA_HOME

mkdir -p benchmarks/results
out="benchmarks/results/$name-$(date -u +%Y-%m-%d).txt"
# The driver's exit status, not tee's.
status_file=$(mktemp)
trap 'rm -f "$status_file"' EXIT
{
  rc=0
  "$JAVA_HOME/bin/java" -Dcoe.bench.java="$JAVA_HOME/bin/java" \
    -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar "$main" "$@" 2>&1 || rc=$?
  echo "$rc" > "$status_file"
} | tee "$out"
status=$(cat "$status_file")
echo "Results written to $out"
exit "${status:-1}"
