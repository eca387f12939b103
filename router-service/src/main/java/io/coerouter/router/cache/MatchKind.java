package io.coerouter.router.cache;

import java.util.Locale;

/** How a cached answer matched a request. */
public enum MatchKind {
    /** The same canonical request. */
    EXACT,
    /** The same earlier conversation and parameters, and a last user message close enough in meaning. */
    SEMANTIC;

    /** The id in responses and metrics: {@code exact}, {@code semantic}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
