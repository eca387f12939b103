#!/bin/sh
# A thousand streams: holds N concurrent SSE chat streams through the router (its own JVM, one openai expert on a
# slow loopback streaming upstream) and samples the router's heap after GC, threads, TCP connections and fds; then
# checks that nothing is left once the clients are gone (see benchmarks/README.md). Arguments pass through, e.g.
#   benchmarks/sse-streams.sh --streams=1000 --duration=600
#   benchmarks/sse-streams.sh --streams=200 --duration=120
# Output goes to the terminal and to benchmarks/results/sse-streams-<date>.txt (overwritten each day).
exec "$(dirname "$0")/run-driver.sh" io.coerouter.bench.SseStreamsBenchmark sse-streams "$@"
