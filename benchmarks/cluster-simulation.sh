#!/usr/bin/env bash
# Cluster dispatch at scale, simulated: round-robin vs residency-aware dispatch over W workers (discrete-event
# simulation driving the real PlacementPolicy and swap-aware SchedulingPolicy; simulated load and generation times).
# Usage: benchmarks/cluster-simulation.sh                  # both presets: cluster (W=100, M=4, E=1,000) and small
#        benchmarks/cluster-simulation.sh --rate=6 [--preset=cluster|small] [--workers=100] [--resident=4]
#          [--experts=1000] [--zipf=1.0] [--hours=24] [--amplitude=0.6] [--peak-hour=15] [--load=10s]
#          [--gen-base=6s] [--gen-per-request=100ms] [--batch=16] [--max-wait=30s] [--load-delay=5s]
#          [--window=10ms] [--spill=4] [--seed=7]
name=cluster-simulation
[[ $# -gt 0 ]] && name=cluster-simulation-custom
exec "$(dirname "$0")/run-benchmark.sh" io.coerouter.bench.ClusterSimulation "$name" "$@"
