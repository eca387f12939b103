package io.coerouter.router.usage;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Usage history ({@code coe.usage.*}, docs/operations.md#usage-analytics): hourly rollups and the optional request log
 * in PostgreSQL. Without {@code datasource.url} it is off and the router works as without it.
 *
 * @param datasource the PostgreSQL server; none: usage history is off
 * @param schema the schema the tables live in (created when absent), so they coexist with other applications'
 * @param bufferSize the most finished requests held in memory for the writer; past it new ones are dropped and counted
 * @param batchSize the most requests written in one transaction
 * @param flushInterval how often the writer writes what it holds
 * @param maxBackoff the longest wait between retries while PostgreSQL is unreachable
 * @param retention how long hourly rollups are kept
 * @param purgeInterval how often rows past their retention are deleted
 * @param requestLog the per-request log
 */
@ConfigurationProperties("coe.usage")
public record UsageProperties(
        @DefaultValue Datasource datasource,
        @DefaultValue("coe_usage") String schema,
        @DefaultValue("100000") int bufferSize,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("400d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue RequestLog requestLog) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public UsageProperties {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "coe.usage.schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters),"
                            + " but was '" + schema + "'");
        }
        if (bufferSize < 1 || bufferSize > 10_000_000) {
            throw new IllegalArgumentException(
                    "coe.usage.buffer-size must be from 1 to 10000000, but was " + bufferSize);
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("coe.usage.batch-size must be from 1 to 100000, but was " + batchSize);
        }
        within("coe.usage.flush-interval", flushInterval, Duration.ofMillis(10), Duration.ofMinutes(10));
        within("coe.usage.max-backoff", maxBackoff, Duration.ofMillis(10), Duration.ofHours(1));
        within("coe.usage.retention", retention, Duration.ofHours(1), Duration.ofDays(36500));
        within("coe.usage.purge-interval", purgeInterval, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    /** Whether a database is configured. */
    public boolean enabled() {
        return datasource.configured();
    }

    /** The defaults, with {@code datasource}. */
    public static UsageProperties of(Datasource datasource, RequestLog requestLog) {
        return new UsageProperties(
                datasource,
                "coe_usage",
                100_000,
                1000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofDays(400),
                Duration.ofHours(1),
                requestLog);
    }

    /**
     * Where PostgreSQL is.
     *
     * @param url a {@code jdbc:postgresql://} URL; empty: usage history is off
     * @param username the database user
     * @param password the user's password: a secret, never logged, returned or printed by {@link #toString}
     * @param maxPoolSize the most connections the writer and the API hold
     */
    public record Datasource(String url, String username, String password, @DefaultValue("4") int maxPoolSize) {

        public Datasource {
            if (url != null && !url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "coe.usage.datasource.url must start with jdbc:postgresql:, but does not");
            }
            if (maxPoolSize < 1 || maxPoolSize > 100) {
                throw new IllegalArgumentException(
                        "coe.usage.datasource.max-pool-size must be from 1 to 100, but was " + maxPoolSize);
            }
        }

        public static Datasource of(String url, String username, String password) {
            return new Datasource(url, username, password, 4);
        }

        /** Whether a URL is set. */
        public boolean configured() {
            return url != null && !url.isBlank();
        }

        /** Never the password; the URL without its query (where a password may hide). */
        @Override
        public String toString() {
            String shown = url == null ? null : url.replaceAll("\\?.*", "?...");
            return "Datasource[url=" + shown + ", username=" + username + ", password="
                    + (password == null ? null : "***") + ", maxPoolSize=" + maxPoolSize + "]";
        }
    }

    /**
     * The request log: one row per request.
     *
     * @param enabled whether requests are logged (off by default)
     * @param captureContent whether the messages and the answer are stored too (off: they are not stored at all)
     * @param retention how long logged requests are kept
     */
    public record RequestLog(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("false") boolean captureContent,
            @DefaultValue("7d") Duration retention) {

        public RequestLog {
            within("coe.usage.request-log.retention", retention, Duration.ofMinutes(1), Duration.ofDays(36500));
        }

        public static RequestLog off() {
            return new RequestLog(false, false, Duration.ofDays(7));
        }
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", but was " + value);
        }
    }
}
