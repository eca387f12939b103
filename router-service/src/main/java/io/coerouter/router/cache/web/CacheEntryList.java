package io.coerouter.router.cache.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /admin/cache/entries}: entries newest first, or {@code enabled: false} with a message (and no entries)
 * when the cache is off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CacheEntryList(String object, boolean enabled, String message, List<CacheEntryView> data) {

    static CacheEntryList off() {
        return new CacheEntryList("list", false, CacheReport.OFF, List.of());
    }

    static CacheEntryList of(List<CacheEntryView> entries) {
        return new CacheEntryList("list", true, null, entries);
    }
}
