package io.coerouter.router.batch;

import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The in-memory batch and file stores pass their contracts. */
class InMemoryBatchStoresTest {

    @Nested
    class Batches extends BatchStoreContract {
        @Override
        BatchStore store() {
            return BatchStore.inMemory(Clock.systemUTC());
        }

        @Override
        BatchStore replica(BatchStore store) {
            return store; // one process: both views are the same store
        }
    }

    @Nested
    class Files extends FileStoreContract {
        @Override
        FileStore store() {
            return FileStore.inMemory(Clock.systemUTC());
        }

        @Override
        FileStore replica(FileStore store) {
            return store;
        }
    }
}
