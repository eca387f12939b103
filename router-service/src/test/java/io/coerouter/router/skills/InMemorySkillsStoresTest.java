package io.coerouter.router.skills;

import org.junit.jupiter.api.Nested;

/** The in-memory profile and taxonomy stores pass their contracts. */
class InMemorySkillsStoresTest {

    @Nested
    class Profiles extends ProfileStoreContract {
        @Override
        SharedProfileStore store(int keep) {
            return SharedProfileStore.inMemory(keep);
        }

        @Override
        SharedProfileStore replica(SharedProfileStore store, int keep) {
            return store; // one process: every view is the same store
        }
    }

    @Nested
    class Taxonomy extends TaxonomyStoreContract {
        @Override
        TaxonomyStore store() {
            return TaxonomyStore.inMemory(clock);
        }

        @Override
        TaxonomyStore replica(TaxonomyStore store) {
            return store;
        }
    }
}
