package io.coerouter.router.skills;

import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.ProfileStore;
import java.util.Optional;

/**
 * The profile store as the router keeps it: in this process ({@link #inMemory(int)}) or in Redis, shared by every
 * replica. Besides versioned saves it can be seeded from the configured file, which only the first start does: a
 * replica that starts on a store that ever held a version adds none.
 */
public interface SharedProfileStore extends ProfileStore {

    /**
     * Stores {@code set} as version 1 unless a version was ever saved, atomically (of two replicas starting together
     * one seeds).
     *
     * @return the stored version; empty when the store had versions, so nothing was stored
     */
    Optional<ProfileSet> seed(ProfileSet set);

    /** A store in this process's memory, keeping the newest {@code keep} versions. */
    static SharedProfileStore inMemory(int keep) {
        return new InMemorySharedProfileStore(ProfileStore.inMemory(keep));
    }
}
