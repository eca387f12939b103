#!/usr/bin/env bash
# Local model benchmark: load time per pool tier, per-token latency, batched throughput of the demo experts.
# Usage: benchmarks/local-models.sh [--models=a,b] [--reloads=5] [--batches=1,4,16,32] [--in-flight=1,4,16,32] [--questions=128] [--repeats=3]
exec "$(dirname "$0")/run-benchmark.sh" io.coerouter.bench.LocalModelBenchmark local-models "$@"
