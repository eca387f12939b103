#!/usr/bin/env bash
# Cluster benchmarks with real router processes (the -exec jar) on Redis (REDIS_URL, else redis://127.0.0.1:6379):
#   benchmarks/cluster-bench.sh swap-study [--modes=round-robin,residency-aware] [--workers=2] [--requests=300]
#     [--repeats=3] [--rate=30] [--offline=480] [--offline-mode=batch|burst|both] [--max-wait=2s] [--seed=7] [--budget=BYTES]
#   benchmarks/cluster-bench.sh hop-latency [--requests=500] [--warmup=2000] [--expert=arithmetic-expert]
#     [--max-tokens=8] [--workers=1]
# Both also take --redis=URL, --java=PATH, --jar=PATH, --jvm-args="..." and --startup-timeout=SECONDS.
# Builds router-service and the benchmarks with `package` (nothing is installed into ~/.m2), then runs the driver
# with the JDK ./mvnw picks; the router processes run on the same JDK. Output: the terminal and
# benchmarks/results/cluster-<benchmark>-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  swap-study) main=io.coerouter.bench.ClusterSwapStudy ;;
  hop-latency) main=io.coerouter.bench.HopLatencyBenchmark ;;
  *) echo "usage: $0 swap-study|hop-latency [--name=value ...]" >&2; exit 2 ;;
esac
name=cluster-$1
shift
./mvnw -q -B -pl router-service,benchmarks -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java_home=$(./mvnw -q -B help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)
mkdir -p benchmarks/results
out="benchmarks/results/$name-$(date -u +%F).txt"
"$java_home/bin/java" -Dcoe.bench.java="$java_home/bin/java" \
  -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  "$main" "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
echo "Results written to $out"
exit "$rc"
