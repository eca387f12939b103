package io.coerouter.router.usage;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage history as the rest of the router sees it: off (no {@code coe.usage.datasource.url}), or on with its pool,
 * writer and retention, the sink the chat edge hands finished requests to, and the queries of the admin API. While
 * PostgreSQL is unreachable (or not yet migrated) the queries fail as {@link ErrorKind#UNAVAILABLE}; the chat path
 * never notices.
 */
public final class UsageHistory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageHistory.class);

    private final UsageProperties properties;
    private final UsageDatabase database;
    private final UsageStore store;
    private final UsageWriter writer;
    private final UsageRetention retention;
    private final Clock clock;

    private UsageHistory(
            UsageProperties properties,
            UsageDatabase database,
            UsageStore store,
            UsageWriter writer,
            UsageRetention retention,
            Clock clock) {
        this.properties = properties;
        this.database = database;
        this.store = store;
        this.writer = writer;
        this.retention = retention;
        this.clock = clock;
    }

    /** Usage history off: the sink keeps nothing, the queries are not to be called. */
    public static UsageHistory off(UsageProperties properties, Clock clock) {
        return new UsageHistory(properties, null, null, null, null, clock);
    }

    /**
     * Usage history on {@code properties.datasource()}: the pool connects lazily and the writer runs the migrations
     * before its first write (retrying while PostgreSQL is down), so the router starts either way.
     */
    public static UsageHistory start(UsageProperties properties, JsonMapper json, MeterRegistry meters, Clock clock) {
        UsageDatabase database = UsageDatabase.open(properties.datasource());
        UsageStore store = new UsageStore(database.dataSource(), properties.schema(), json);
        UsageWriter writer = new UsageWriter(
                        store,
                        () -> UsageDatabase.migrate(database.dataSource(), properties.schema()),
                        properties,
                        meters)
                .start();
        UsageRetention retention = new UsageRetention(store, properties, clock).start();
        log.info(
                "usage history on: schema {}, request log {}{}",
                properties.schema(),
                properties.requestLog().enabled() ? "on" : "off",
                properties.requestLog().captureContent() ? " (with content)" : "");
        return new UsageHistory(properties, database, store, writer, retention, clock);
    }

    public boolean enabled() {
        return store != null;
    }

    public boolean requestLogEnabled() {
        return enabled() && properties.requestLog().enabled();
    }

    public UsageProperties properties() {
        return properties;
    }

    public Clock clock() {
        return clock;
    }

    /** Where the chat edge hands finished requests. */
    public UsageSink sink() {
        return writer == null ? UsageSink.NONE : writer;
    }

    public List<UsageRow> usage(UsageQuery query) {
        return read(() -> store.usage(query));
    }

    public RequestPage requests(RequestSearch search) {
        return read(() -> store.requests(search));
    }

    public Optional<LoggedRequest> request(String id) {
        return read(() -> store.request(id));
    }

    private <T> T read(Supplier<T> query) {
        if (!enabled()) {
            throw new IllegalStateException("usage history is off");
        }
        if (!writer.ready()) {
            throw unavailable();
        }
        try {
            return query.get();
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            log.warn("usage history: query failed ({})", e.getClass().getSimpleName());
            throw unavailable();
        }
    }

    private static RouterException unavailable() {
        return new RouterException(
                ErrorKind.UNAVAILABLE,
                "The usage database is unavailable; try again later.",
                null,
                "usage_history_unavailable");
    }

    @Override
    public void close() {
        if (retention != null) {
            retention.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
