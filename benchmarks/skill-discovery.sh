#!/usr/bin/env bash
# Skill discovery without labels: clusters a labelled JSONL set with its labels hidden and scores the clusters against
# them (purity, adjusted Rand index, NMI); also writes a deployment's discovered taxonomy and evaluation set.
# Usage: benchmarks/skill-discovery.sh [--data=FILE] [--k=14,auto] [--seed=42] [--max-k=20] [--cut-at=TEXT]
#                                      [--write-taxonomy=FILE] [--write-eval-set=FILE]
exec "$(dirname "$0")/run-benchmark.sh" io.coerouter.bench.SkillDiscoveryBenchmark skill-discovery "$@"
