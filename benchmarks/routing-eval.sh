#!/usr/bin/env bash
# Routing evaluation: demo pack profiles on the profile split, accuracy per method on the test split, routing latency.
# Usage: benchmarks/routing-eval.sh [--write-profiles=FILE] [--latency-queries=500]
exec "$(dirname "$0")/run-benchmark.sh" io.coerouter.bench.RoutingEvaluationBenchmark routing-eval "$@"
