package io.coerouter.router.telemetry;

import org.junit.jupiter.api.Nested;

/** The in-memory stores pass their contracts. */
class InMemoryTelemetryStoresTest {

    @Nested
    class Metrics extends MetricsStoreContract {
        @Override
        MetricsStore store() {
            return MetricsStore.inMemory();
        }

        @Override
        MetricsStore replica(MetricsStore store) {
            return store;
        }
    }

    @Nested
    class Replicas extends ReplicaStoreContract {
        @Override
        ReplicaStore store() {
            return ReplicaStore.inMemory();
        }

        @Override
        ReplicaStore replica(ReplicaStore store) {
            return store;
        }
    }
}
