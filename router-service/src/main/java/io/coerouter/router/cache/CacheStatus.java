package io.coerouter.router.cache;

import java.util.Locale;

/** How the cache took part in a response: the {@code x-coe-cache} header's value. */
public enum CacheStatus {
    /** Answered from the cache; no expert was called. */
    HIT,
    /** Looked up and not found; the experts answered and the answer was kept when it could be. */
    MISS,
    /** Not looked up (the request, its parameters or the store's state said not to). */
    BYPASS;

    /** The header value: {@code hit}, {@code miss}, {@code bypass}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
