package io.coerouter.router.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retention: every {@code coe.usage.purge-interval} deletes rollups older than {@code coe.usage.retention} and
 * logged requests older than {@code coe.usage.request-log.retention} and the ids of batches written over a day ago, in
 * batches, so no statement holds many locks.
 */
final class UsageRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageRetention.class);

    /** Rows one delete statement removes at most. */
    static final int BATCH = 10_000;

    /** How long the ids of written batches are remembered (a retry comes within the writer's backoff). */
    static final java.time.Duration BATCH_IDS = java.time.Duration.ofDays(1);

    private final UsageStore store;
    private final UsageProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    UsageRetention(UsageStore store, UsageProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Purges now: returns the rollup rows and logged requests deleted. */
    long[] purge() {
        Instant now = clock.instant();
        long rollups = store.purgeRollups(now.minus(properties.retention()), BATCH);
        long requests = store.purgeRequests(now.minus(properties.requestLog().retention()), BATCH);
        store.purgeBatches(now.minus(BATCH_IDS), BATCH);
        return new long[] {rollups, requests};
    }

    UsageRetention start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("coe-usage-retention").daemon().factory());
        long period = properties.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    private void purgeQuietly() {
        try {
            long[] deleted = purge();
            if (deleted[0] + deleted[1] > 0) {
                log.info(
                        "usage history: deleted {} rollup rows and {} logged requests past retention",
                        deleted[0],
                        deleted[1]);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "usage history: retention delete failed ({}); next try in {}",
                    e.getClass().getSimpleName(),
                    properties.purgeInterval());
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
