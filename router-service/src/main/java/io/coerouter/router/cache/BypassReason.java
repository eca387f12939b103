package io.coerouter.router.cache;

import java.util.Locale;

/** Why a request did not use the cache. */
public enum BypassReason {
    /** The request said {@code "coe": {"cache": false}}: neither looked up nor kept. */
    REQUESTED,
    /** {@code Cache-Control: no-cache} (or {@code Pragma: no-cache}): not looked up; the fresh answer is kept. */
    NO_CACHE,
    /** {@code Cache-Control: no-store}: neither looked up nor kept. */
    NO_STORE,
    /** A {@code temperature} above 0 asks for a fresh sample ({@code coe.cache.allow-temperature} is off). */
    TEMPERATURE,
    /** The store could not be reached (Redis down or slow): the request is served without the cache. */
    STORE_UNAVAILABLE;

    /** The id in the {@code x-coe-cache-reason} header and in metrics. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
