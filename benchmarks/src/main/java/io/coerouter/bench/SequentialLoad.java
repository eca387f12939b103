package io.coerouter.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request at a time: each target gets one persistent connection and the next request leaves only when the answer
 * to the previous one has been read, so every wake-up and hand-off on the server's path is paid in full (what a
 * lightly loaded gateway sees). The targets are interleaved in rounds, the order rotating each round, so a slow
 * moment of the machine falls on all of them alike.
 */
final class SequentialLoad implements AutoCloseable {

    private final Map<String, Target> targets = new LinkedHashMap<>();

    /** Adds a target: {@code request} (a whole HTTP request) sent on one connection to {@code port}. */
    void add(String name, int port, byte[] request, int readTimeoutMs) {
        targets.put(name, new Target(name, port, new HttpConnection(port, readTimeoutMs), request));
    }

    /** Sends {@code requests} to every target in blocks of 100, interleaved, and forgets the figures. */
    void warmUp(int requests) {
        for (int done = 0; done < requests; done += 100) {
            for (Target t : targets.values()) {
                t.send(Math.min(100, requests - done), null);
            }
        }
    }

    /**
     * {@code rounds} rounds of {@code perRound} requests to each target; {@code cpu} is read before and after each
     * block so the CPU a target spent can be charged to its own requests; the heap each router process ({@code
     * routers}) allocated is read before the first round and after the last.
     */
    Map<String, Result> measure(int rounds, int perRound, Map<String, Long> pids, java.util.Set<String> routers) {
        Map<String, Recorder> recorders = new LinkedHashMap<>();
        targets.keySet().forEach(n -> recorders.put(n, new Recorder(rounds * perRound, rounds)));
        Map<String, Long> allocated0 = new LinkedHashMap<>();
        targets.values().stream()
                .filter(t -> routers.contains(t.name))
                .forEach(t -> allocated0.put(t.name, GatewayAllocation.allocatedBytes(t.port)));
        List<Target> order = new ArrayList<>(targets.values());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < order.size(); i++) {
                Target t = order.get((i + round) % order.size());
                Recorder rec = recorders.get(t.name);
                long pid = pids.getOrDefault(t.name, -1L);
                long cpu0 = pid > 0 ? ProcCpu.cpuNanos(pid) : -1;
                int from = rec.count;
                t.send(perRound, rec);
                long cpu1 = pid > 0 ? ProcCpu.cpuNanos(pid) : -1;
                rec.cpuNanos = cpu0 >= 0 && cpu1 >= 0 && rec.cpuNanos >= 0 ? rec.cpuNanos + cpu1 - cpu0 : -1;
                rec.roundP50(from);
            }
        }
        allocated0.forEach((name, before) -> {
            long after = GatewayAllocation.allocatedBytes(targets.get(name).port);
            recorders.get(name).allocatedBytes = before < 0 || after < 0 ? -1 : after - before;
        });
        Map<String, Result> results = new LinkedHashMap<>();
        recorders.forEach((name, rec) -> results.put(name, rec.result()));
        return results;
    }

    @Override
    public void close() {
        targets.values().forEach(t -> t.connection.close());
    }

    private record Target(String name, int port, HttpConnection connection, byte[] request) {

        void send(int n, Recorder into) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                int status;
                String error = null;
                try {
                    status = connection.exchange(request, null);
                } catch (IOException | RuntimeException e) {
                    status = -1;
                    error = e.toString();
                }
                long took = System.nanoTime() - t0;
                if (into != null) {
                    into.record(status, took, error);
                }
            }
        }
    }

    private static final class Recorder {
        final long[] latencies;
        final double[] roundP50s;
        int count;
        int rounds;
        int errors;
        String firstError;
        long cpuNanos;
        long allocatedBytes = -1;

        Recorder(int capacity, int rounds) {
            this.latencies = new long[capacity];
            this.roundP50s = new double[rounds];
        }

        void record(int status, long nanos, String error) {
            if (status == 200) {
                latencies[count++] = nanos;
            } else {
                errors++;
                if (firstError == null) {
                    firstError = error != null ? error : "HTTP " + status;
                }
            }
        }

        void roundP50(int from) {
            long[] block = Arrays.copyOfRange(latencies, from, count);
            Arrays.sort(block);
            roundP50s[rounds++] = block.length == 0 ? Double.NaN : block[(block.length - 1) / 2] / 1e6;
        }

        Result result() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new Result(sorted, errors, firstError, cpuNanos, allocatedBytes, Arrays.copyOf(roundP50s, rounds));
        }
    }

    /**
     * One target's figures.
     *
     * @param latencies the 200 answers' latencies in nanoseconds, sorted
     * @param errors non-200 answers and failures
     * @param firstError the first of them, or null
     * @param cpuNanos the target process's CPU over its own measured blocks, -1 when unknown
     * @param allocatedBytes the heap the router process allocated over the rounds, -1 when unknown
     * @param roundP50s the median of each round, in milliseconds
     */
    record Result(
            long[] latencies, int errors, String firstError, long cpuNanos, long allocatedBytes, double[] roundP50s) {

        /** The {@code p}-quantile (0..1) in milliseconds, nearest rank; NaN when nothing was answered. */
        double millis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * latencies.length);
            return latencies[Math.clamp(rank - 1, 0, latencies.length - 1)] / 1e6;
        }

        double maxMillis() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }

        /** Kilobytes of heap allocated per answered request, or -1. */
        double allocatedKbPerRequest() {
            return allocatedBytes < 0 || latencies.length == 0 ? -1 : allocatedBytes / 1024.0 / latencies.length;
        }

        /** CPU microseconds per answered request, or -1. */
        double cpuMicrosPerRequest() {
            return cpuNanos < 0 || latencies.length == 0 ? -1 : cpuNanos / 1e3 / latencies.length;
        }
    }
}
