package io.coerouter.router.skills;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The taxonomy's text and its last revisions behind one lock. */
final class InMemoryTaxonomyStore implements TaxonomyStore {

    private final Clock clock;
    private final Deque<Revision> history = new ArrayDeque<>();
    private Stored stored;

    InMemoryTaxonomyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Stored> read() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized Stored write(String source) {
        return keep(new Stored(stored == null ? 1 : stored.revision() + 1, source));
    }

    @Override
    public synchronized Stored seed(String source) {
        return stored == null ? keep(new Stored(1, source)) : stored;
    }

    @Override
    public synchronized List<Revision> history() {
        return List.copyOf(history);
    }

    private Stored keep(Stored next) {
        stored = next;
        history.addFirst(new Revision(next.revision(), clock.instant(), next.source()));
        while (history.size() > HISTORY) {
            history.removeLast();
        }
        return next;
    }
}
