#!/bin/sh
# Warm-start benchmark: builds the router jar and the benchmarks, then measures, per JVM/router variant, the time from
# process start to readiness and the latency of the first requests against a warm p50 (see benchmarks/README.md and
# docs/benchmarks.md#warm-start). Arguments pass through to the driver, e.g.
#   benchmarks/warm-start.sh --runs=3 --variants=exec-jar,aot-refresh,aot-traffic,warmup,aot-warmup
# Output goes to the terminal and to benchmarks/results/warm-start-<date>.txt (overwritten each day).
exec "$(dirname "$0")/run-driver.sh" io.coerouter.bench.WarmStartBenchmark warm-start "$@"
