package io.coerouter.router.experts;

class InMemoryExpertStoreTest extends ExpertStoreContract {

    private final InMemoryExpertStore store = new InMemoryExpertStore();

    @Override
    protected ExpertStore store() {
        return store;
    }

    @Override
    protected void corrupt(String id, String json) {
        store.putRaw(id, json);
    }
}
