package io.coerouter.router.skills;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the skill taxonomy's text lives: in this process ({@link #inMemory()}) or in Redis, shared by every replica.
 * The text is kept as the admin sent it (YAML or JSON); each write raises the revision.
 */
public interface TaxonomyStore {

    /**
     * One stored taxonomy.
     *
     * @param revision raised by every write, starting at 1
     * @param source the taxonomy's YAML or JSON text
     */
    record Stored(long revision, String source) {

        public Stored {
            Objects.requireNonNull(source, "source must not be null");
        }
    }

    /** The stored taxonomy, if any. */
    Optional<Stored> read();

    /** Stores {@code source} as the next revision and returns it. */
    Stored write(String source);

    /**
     * Stores {@code source} as revision 1 unless a taxonomy is stored already, atomically (two replicas starting
     * together store one), and returns what is stored afterwards.
     */
    Stored seed(String source);

    /** A store in this process's memory. */
    static TaxonomyStore inMemory() {
        return new InMemoryTaxonomyStore();
    }
}
