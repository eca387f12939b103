package io.coerouter.skills.profile;

import java.util.List;
import java.util.Optional;

/** Keeps profile sets, versioned: saving never overwrites, it adds the next version and makes it current. */
public interface ProfileStore {

    /** The newest set, if any. */
    Optional<ProfileSet> current();

    /** Stores {@code set} as the next version and returns it with that version. */
    ProfileSet save(ProfileSet set);

    /** One stored version. */
    Optional<ProfileSet> version(int version);

    /** The stored version numbers, oldest first. */
    List<Integer> versions();

    /** A store in this process's memory, keeping the newest {@code keep} versions. */
    static ProfileStore inMemory(int keep) {
        return new InMemoryProfileStore(keep);
    }
}
