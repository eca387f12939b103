package io.coerouter.router.cache;

/** What the client's HTTP caching headers ask of the cache, read by the chat edge. */
public enum CacheDirective {
    /** Nothing: use the cache. */
    NONE,
    /** {@code no-cache}: do not answer from the cache, but keep the fresh answer. */
    NO_CACHE,
    /** {@code no-store}: neither answer from the cache nor keep the answer. */
    NO_STORE
}
