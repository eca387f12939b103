package io.coerouter.router.skills;

import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.ProfileStore;
import java.util.List;
import java.util.Optional;

/** The skill-profiler's in-memory store, with a seed under the same lock as saves. */
final class InMemorySharedProfileStore implements SharedProfileStore {

    private final ProfileStore store;

    InMemorySharedProfileStore(ProfileStore store) {
        this.store = store;
    }

    @Override
    public synchronized Optional<ProfileSet> seed(ProfileSet set) {
        // It keeps at least one version, so an empty store never held one.
        return store.versions().isEmpty() ? Optional.of(store.save(set)) : Optional.empty();
    }

    @Override
    public Optional<ProfileSet> current() {
        return store.current();
    }

    @Override
    public synchronized ProfileSet save(ProfileSet set) {
        return store.save(set);
    }

    @Override
    public Optional<ProfileSet> version(int version) {
        return store.version(version);
    }

    @Override
    public List<Integer> versions() {
        return store.versions();
    }
}
