package io.coerouter.router.cache;

import java.util.Locale;

/** Where cached answers live ({@code coe.cache.store}). */
public enum CacheStoreKind {
    /** Redis when {@code coe.redis.url} is set (shared by replicas), else this process's memory. The default. */
    AUTO,
    /** This process's memory, even when Redis is configured. */
    MEMORY,
    /** The shared Redis server; start-up fails when none is configured. */
    REDIS;

    /** The id operators write: {@code auto}, {@code memory}, {@code redis}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
