package io.coerouter.router.skills;

import java.util.Optional;

/** The taxonomy's text behind one lock. */
final class InMemoryTaxonomyStore implements TaxonomyStore {

    private Stored stored;

    @Override
    public synchronized Optional<Stored> read() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized Stored write(String source) {
        stored = new Stored(stored == null ? 1 : stored.revision() + 1, source);
        return stored;
    }

    @Override
    public synchronized Stored seed(String source) {
        if (stored == null) {
            stored = new Stored(1, source);
        }
        return stored;
    }
}
