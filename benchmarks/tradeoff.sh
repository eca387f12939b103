#!/usr/bin/env bash
# Cost–quality tradeoff: accuracy and cost of each routing method and rule at tradeoffs 0..1 on the demo pack's test
# split, against every single expert; writes the chart docs/images/tradeoff-curve.png.
# Usage: benchmarks/tradeoff.sh [--chart=FILE]
exec "$(dirname "$0")/run-benchmark.sh" io.coerouter.bench.TradeoffBenchmark tradeoff "$@"
