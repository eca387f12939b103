#!/bin/sh
# Gateway-overhead benchmark: builds the gateway jar and the benchmarks, then measures the latency and CPU the
# gateway adds to a chat completion (see benchmarks/README.md). Arguments pass through to the driver, e.g.
#   benchmarks/gateway-overhead.sh --rates=200,500,1000 --duration=20
# Output goes to the terminal and to benchmarks/results/gateway-overhead-<date>.txt (overwritten each day).
exec "$(dirname "$0")/run-driver.sh" io.coerouter.bench.GatewayOverheadBenchmark gateway-overhead "$@"
