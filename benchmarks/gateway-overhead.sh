#!/bin/sh
# Gateway-overhead benchmark: builds the gateway jar and the benchmarks, then measures the latency and CPU the
# gateway adds to a chat completion (see benchmarks/README.md). Arguments pass through to the driver, e.g.
#   benchmarks/gateway-overhead.sh --rates=200,500,1000 --duration=20
# Output goes to the terminal and to benchmarks/results/gateway-overhead-<date>.txt (overwritten each day).
set -eu

cd "$(dirname "$0")/.."

# The JDK ./mvnw would pick: JAVA_HOME if it is a JDK 21+, else the default java if 21+, else the newest JDK 21+
# under /usr/lib/jvm, /opt/java, ~/.sdkman or ~/.jdks.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}
is_jdk21() {
  [ -x "$1/bin/java" ] || return 1
  v=$(java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}
jdk=""
if [ -n "${JAVA_HOME-}" ] && is_jdk21 "$JAVA_HOME"; then
  jdk=$JAVA_HOME
elif command -v java >/dev/null 2>&1 && is_jdk21 "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; then
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
else
  best=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/java/* "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    if is_jdk21 "$d" && [ "$v" -gt "$best" ]; then
      best=$v
      jdk=$d
    fi
  done
fi
if [ -z "$jdk" ]; then
  echo "gateway-overhead.sh: needs a JDK 21 or newer; none found in JAVA_HOME, PATH or /usr/lib/jvm." >&2
  exit 1
fi
JAVA_HOME=$jdk
export JAVA_HOME

echo "Building router-service and benchmarks with $JAVA_HOME ..."
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests

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
