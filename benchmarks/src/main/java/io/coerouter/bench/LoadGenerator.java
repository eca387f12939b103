package io.coerouter.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator at a fixed rate. Request {@code i} is scheduled at {@code start + i / rate}, whatever
 * happened to the earlier ones, and its latency is measured from that scheduled time, so queueing behind a slow
 * response counts against the server (no coordinated omission). A pool of persistent connections, each owned by one
 * thread, takes the scheduled requests from a queue; the pool survives between runs so warm-up warms it.
 */
final class LoadGenerator implements AutoCloseable {

    private static final long STOP = Long.MIN_VALUE;

    private final int port;
    private final byte[] request;
    private final HttpConnection[] connections;
    private final boolean virtualThreads;
    private final long drainNanos;

    /**
     * @param port the server's port on 127.0.0.1
     * @param request the whole HTTP request, sent as is
     * @param connections how many persistent connections (and threads)
     * @param virtualThreads whether the connection threads are virtual (else platform)
     * @param readTimeoutMs how long one response may take before it counts as an error
     */
    LoadGenerator(int port, byte[] request, int connections, boolean virtualThreads, int readTimeoutMs) {
        this.port = port;
        this.request = request;
        this.virtualThreads = virtualThreads;
        this.connections = new HttpConnection[connections];
        for (int i = 0; i < connections; i++) {
            this.connections[i] = new HttpConnection(port, readTimeoutMs);
        }
        this.drainNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMs);
    }

    int port() {
        return port;
    }

    /** Sends {@code rate * seconds} requests at {@code rate} per second and waits for the answers (bounded). */
    Result run(int rate, double seconds) throws InterruptedException {
        if (rate <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("rate and duration must be > 0");
        }
        int total = (int) Math.round(rate * seconds);
        long[] latencies = new long[total];
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>();

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long end = start + (long) (seconds * 1e9);
        long giveUpAt = end + drainNanos;

        List<Thread> workers = new ArrayList<>(connections.length);
        Thread.Builder builder =
                virtualThreads ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        for (HttpConnection connection : connections) {
            workers.add(builder.name("load-" + port).start(() -> {
                for (int taken = 0; taken <= total; taken++) {
                    long scheduled;
                    try {
                        scheduled = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (scheduled == STOP) {
                        return;
                    }
                    if (System.nanoTime() > giveUpAt) {
                        expired.incrementAndGet();
                        continue;
                    }
                    try {
                        int status = connection.exchange(request, null);
                        long done = System.nanoTime();
                        if (status == 200) {
                            latencies[recorded.getAndIncrement()] = done - scheduled;
                            lastDone.accumulateAndGet(done, Math::max);
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "HTTP " + status);
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }));
        }

        // The dispatcher: this (platform) thread parks until each scheduled time, then hands the request over.
        long[] lag = new long[total];
        for (int i = 0; i < total; i++) {
            long scheduled = start + (long) (i * 1e9 / rate);
            for (int naps = 0; naps < 1_000; naps++) {
                long wait = scheduled - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                LockSupport.parkNanos(wait);
            }
            lag[i] = System.nanoTime() - scheduled;
            queue.add(scheduled);
        }
        for (int i = 0; i < connections.length; i++) {
            queue.add(STOP);
        }
        long joinDeadline = giveUpAt + drainNanos + TimeUnit.SECONDS.toNanos(5);
        for (Thread worker : workers) {
            long left = joinDeadline - System.nanoTime();
            if (left <= 0 || !worker.join(java.time.Duration.ofNanos(left))) {
                worker.interrupt();
            }
        }
        int ok = Math.min(recorded.get(), total);
        long[] sorted = Arrays.copyOf(latencies, ok);
        Arrays.sort(sorted);
        Arrays.sort(lag);
        int unanswered = total - ok - errors.get() - expired.get();
        return new Result(
                rate,
                seconds,
                total,
                ok,
                errors.get() + expired.get() + Math.max(0, unanswered),
                firstError.get(),
                sorted,
                Math.max(lastDone.get(), end) - start,
                lag[(int) Math.min(total - 1, Math.ceil(0.99 * total) - 1)]);
    }

    @Override
    public void close() {
        for (HttpConnection c : connections) {
            c.close();
        }
    }

    /**
     * What one run measured.
     *
     * @param rate the scheduled requests per second
     * @param seconds the scheduled duration
     * @param sent the requests scheduled
     * @param ok the 200 answers
     * @param errors failures, non-200 answers and requests not answered in time
     * @param firstError the first failure, or null
     * @param latencies the latencies of the 200 answers in nanoseconds, sorted
     * @param elapsedNanos from the first scheduled send to the last answer (at least the scheduled duration)
     * @param dispatchLagP99Nanos how late the dispatcher handed requests over, 99th percentile
     */
    record Result(
            int rate,
            double seconds,
            int sent,
            int ok,
            int errors,
            String firstError,
            long[] latencies,
            long elapsedNanos,
            long dispatchLagP99Nanos) {

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

        double achievedRps() {
            return ok / (elapsedNanos / 1e9);
        }
    }
}
