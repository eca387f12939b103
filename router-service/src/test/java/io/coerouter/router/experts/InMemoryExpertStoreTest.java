package io.coerouter.router.experts;

class InMemoryExpertStoreTest extends ExpertStoreContract {

    private final ExpertStore store = ExpertStore.inMemory();

    @Override
    protected ExpertStore store() {
        return store;
    }
}
