package io.coerouter.skills.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The default store: the newest few versions in memory. */
final class InMemoryProfileStore implements ProfileStore {

    private final int keep;
    private final List<ProfileSet> sets = new ArrayList<>();
    private int next = 1;

    InMemoryProfileStore(int keep) {
        if (keep <= 0) {
            throw new IllegalArgumentException("keep must be > 0, but was " + keep);
        }
        this.keep = keep;
    }

    @Override
    public synchronized Optional<ProfileSet> current() {
        return sets.isEmpty() ? Optional.empty() : Optional.of(sets.getLast());
    }

    @Override
    public synchronized ProfileSet save(ProfileSet set) {
        ProfileSet stored = set.withVersion(next++);
        sets.add(stored);
        while (sets.size() > keep) {
            sets.removeFirst();
        }
        return stored;
    }

    @Override
    public synchronized Optional<ProfileSet> version(int version) {
        return sets.stream().filter(s -> s.version() == version).findFirst();
    }

    @Override
    public synchronized List<Integer> versions() {
        return sets.stream().map(ProfileSet::version).toList();
    }
}
