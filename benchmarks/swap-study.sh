#!/usr/bin/env bash
# Swap study: FCFS vs group-by-model vs ours (swap-aware) on the same online stream and offline batch, real local
# models in a pool with room for M of E experts.
# Usage: benchmarks/swap-study.sh [--large=DIR] [--experts=6] [--resident=2] [--requests=300] [--rate=30]
#        [--offline=480] [--max-wait=2s] [--batch=16] [--window=10ms] [--load-delay=1s] [--seed=7]
# Larger (untrained) models for --large: /usr/bin/python3 tools/demo-experts/train.py --emit-large 512 --layers 6
#   --out /tmp/large-512 (needs Debian's python3-torch).
name=swap-study
for arg in "$@"; do [[ $arg == --large=* ]] && name=swap-study-large; done
exec "$(dirname "$0")/run-benchmark.sh" io.coerouter.bench.SwapStudyBenchmark "$name" "$@"
