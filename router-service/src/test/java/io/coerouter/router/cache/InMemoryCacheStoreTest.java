package io.coerouter.router.cache;

import io.coerouter.router.testing.ManualClock;

/** The in-memory store passes the store contract. */
class InMemoryCacheStoreTest extends CacheStoreContract {

    @Override
    CacheStore store(int maxEntries, int maxCandidates, ManualClock clock) {
        return CacheStore.inMemory(maxEntries, maxCandidates, clock);
    }
}
