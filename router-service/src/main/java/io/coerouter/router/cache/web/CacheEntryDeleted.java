package io.coerouter.router.cache.web;

/** {@code DELETE /admin/cache/entries/{id}}: the entry is gone. */
record CacheEntryDeleted(String id, String object, boolean deleted) {

    static CacheEntryDeleted of(String id) {
        return new CacheEntryDeleted(id, "cache.entry.deleted", true);
    }
}
