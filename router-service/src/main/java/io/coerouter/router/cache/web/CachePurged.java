package io.coerouter.router.cache.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code DELETE /admin/cache/entries}: how many entries were removed ({@code enabled: false} and 0 when the cache is
 * off).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CachePurged(String object, boolean enabled, long purged) {

    static CachePurged of(boolean enabled, long purged) {
        return new CachePurged("cache.purged", enabled, purged);
    }
}
