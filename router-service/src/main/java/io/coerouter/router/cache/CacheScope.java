package io.coerouter.router.cache;

import java.util.Locale;

/** Who shares cached answers ({@code coe.cache.scope}). */
public enum CacheScope {
    /** Each API key its own (requests without a key, when keys are off, share one scope). The default. */
    KEY,
    /** Every caller whose request is the same, whichever key it uses (still never across keys' expert limits). */
    SHARED;

    /** The id operators write: {@code key}, {@code shared}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
