package io.coerouter.router.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UsageSink} of usage history: {@link #accept} puts a finished request in a bounded buffer (never waits,
 * never throws; when the buffer is full the request is dropped and counted), and a background thread writes what the
 * buffer holds in batches, each batch's rollups added up in memory first. While the database is unreachable the batch
 * taken stays with the writer, which retries with a doubling backoff, and the buffer fills behind it. Each batch has an
 * id, kept across retries, that the database remembers for a day, so a batch whose commit succeeded but whose
 * acknowledgement was lost is not added twice. A batch the database refuses for good (its data, see {@link
 * #permanent}) is dropped, counted in {@code coe.usage.records.dropped}, and logged without its content.
 *
 * <p>Content (messages and answer) is dropped as a request enters the buffer unless the request log is on and
 * captures content; then it is cut to {@link CompletedRequest#MAX_CONTENT_CHARS} characters.
 *
 * <p>Metrics: {@code coe.usage.records.written}, {@code coe.usage.rows.written}, {@code coe.usage.records.dropped},
 * {@code coe.usage.write.failures}, {@code coe.usage.buffer.size}.
 */
final class UsageWriter implements UsageSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageWriter.class);

    /** What the writer does first, before each write until it has once succeeded: the migrations. */
    interface Preparation {
        void prepare();
    }

    private final BlockingQueue<CompletedRequest> buffer;
    private final List<CompletedRequest> taken = new ArrayList<>();
    /** The id of the batch in {@link #taken}, kept across retries so that a batch is written once. */
    private UUID takenId;

    private final UsageStore store;
    private final Preparation preparation;
    private final UsageProperties properties;
    private final Counter written;
    private final Counter rows;
    private final Counter dropped;
    private final Counter failures;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final Thread thread;
    private volatile int takenCount;

    UsageWriter(UsageStore store, Preparation preparation, UsageProperties properties, MeterRegistry meters) {
        this.store = store;
        this.preparation = preparation;
        this.properties = properties;
        this.buffer = new ArrayBlockingQueue<>(properties.bufferSize());
        this.written = Counter.builder("coe.usage.records.written")
                .description("Finished requests written to the usage database")
                .register(meters);
        this.rows = Counter.builder("coe.usage.rows.written")
                .description("Rollup and request-log rows written (upserted) to the usage database")
                .register(meters);
        this.dropped = Counter.builder("coe.usage.records.dropped")
                .description(
                        "Finished requests dropped: the usage buffer was full, or PostgreSQL refused their batch for good")
                .register(meters);
        this.failures = Counter.builder("coe.usage.write.failures")
                .description("Failed attempts to write to the usage database (retried unless refused for good)")
                .register(meters);
        Gauge.builder("coe.usage.buffer.size", this, UsageWriter::buffered)
                .description("Finished requests waiting to be written to the usage database")
                .register(meters);
        this.thread = Thread.ofPlatform().name("coe-usage-writer").daemon().unstarted(this::run);
    }

    UsageWriter start() {
        thread.start();
        return this;
    }

    @Override
    public void accept(CompletedRequest request) {
        try {
            if (request != null) {
                // On the chat thread, before the buffer: content is kept only when it will be stored, and then
                // capped, so a buffer filling during an outage holds bounded records.
                UsageProperties.RequestLog requestLog = properties.requestLog();
                request = requestLog.enabled() && requestLog.captureContent()
                        ? request.withContentCappedAt(CompletedRequest.MAX_CONTENT_CHARS)
                        : request.withoutContent();
            }
            if (request == null || !running.get() || !buffer.offer(request)) {
                dropped.increment();
            }
        } catch (RuntimeException e) {
            dropped.increment(); // never the chat path's problem
        }
    }

    /** Requests buffered and not yet written. */
    int buffered() {
        return buffer.size() + takenCount;
    }

    /** Whether the migrations have run. */
    boolean ready() {
        return ready.get();
    }

    private void run() {
        Duration backoff = properties.flushInterval();
        while (running.get() || !buffer.isEmpty() || !taken.isEmpty()) {
            try {
                if (taken.isEmpty()) {
                    fill(running.get() ? properties.flushInterval() : Duration.ZERO);
                }
                if (!ready.get()) {
                    preparation.prepare();
                    ready.set(true);
                }
                if (!taken.isEmpty()) {
                    try {
                        write(takenId, taken);
                    } catch (RuntimeException e) {
                        if (!permanent(e)) {
                            throw e;
                        }
                        // A batch the database will never take (bad data): retrying it would stop the writer.
                        failures.increment();
                        dropped.increment(taken.size());
                        log.warn(
                                "usage history: dropped a batch of {} finished requests that PostgreSQL refused ({}{})",
                                taken.size(),
                                e.getClass().getSimpleName(),
                                sqlState(e) == null ? "" : ", SQLState " + sqlState(e));
                    }
                    taken.clear();
                    takenCount = 0;
                }
                backoff = properties.flushInterval();
            } catch (InterruptedException e) {
                if (!running.get()) {
                    continue; // closing: one last pass over what is held
                }
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn(
                        "usage history: cannot write {} finished requests to PostgreSQL ({}); retrying in {}",
                        takenCount,
                        e.getClass().getSimpleName(),
                        backoff);
                if (!running.get()) {
                    log.warn("usage history: {} finished requests not written at shutdown", buffered());
                    return;
                }
                if (!sleep(backoff)) {
                    continue;
                }
                backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
            }
        }
    }

    /**
     * Whether writing a batch failed for good: PostgreSQL refused its data (SQLState class 22, data exception, or 23,
     * integrity constraint violation) or it failed before reaching the database (not a database error at all, such as
     * JSON serialisation). Anything else (no connection, SQLState 08, 57P0x, 40001, 40P01, 53...) is retried.
     */
    static boolean permanent(Throwable e) {
        String state = sqlState(e);
        if (state != null) {
            return state.startsWith("22") || state.startsWith("23");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof org.springframework.dao.DataAccessException) {
                return false;
            }
        }
        return true;
    }

    /** The first SQLState in {@code e}'s causes, or null. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null) {
                        return s.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    /** Takes up to a batch from the buffer, waiting up to {@code wait} for the first one. */
    private void fill(Duration wait) throws InterruptedException {
        CompletedRequest first = wait.isZero() ? buffer.poll() : buffer.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return;
        }
        taken.add(first);
        takenId = UUID.randomUUID();
        buffer.drainTo(taken, properties.batchSize() - 1);
        takenCount = taken.size();
    }

    private void write(UUID batchId, List<CompletedRequest> batch) {
        Rollups rollups = new Rollups();
        List<LoggedRequest> logged = new ArrayList<>();
        UsageProperties.RequestLog requestLog = properties.requestLog();
        Consumer<CompletedRequest> each = r -> {
            rollups.add(r);
            if (requestLog.enabled()) {
                logged.add(LoggedRequest.of(r, requestLog.captureContent()));
            }
        };
        batch.forEach(each);
        boolean wrote = store.write(batchId, rollups.rows(), logged);
        written.increment(batch.size());
        if (wrote) { // else written by an earlier try whose commit's acknowledgement was lost
            rows.increment(rollups.rows().size() + logged.size());
        }
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            return false; // closing: try once more
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops taking requests, writes what is held if the database answers (waiting at most a few seconds), stops. */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
