package io.coerouter.router.keys;

import org.junit.jupiter.api.Nested;

/** The in-memory key store and usage counters pass their contracts. */
class InMemoryKeysTest {

    @Nested
    class Store extends ApiKeyStoreContract {
        @Override
        ApiKeyStore store() {
            return ApiKeyStore.inMemory();
        }
    }

    @Nested
    class Usage extends KeyUsageContract {
        private final KeyUsage shared = KeyUsage.inMemory(clock);

        @Override
        KeyUsage usage() {
            return shared; // one process: both views are the same counters
        }
    }
}
