package io.coerouter.router.skills;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the skill taxonomy's text lives: in this process ({@link #inMemory()}) or in Redis, shared by every replica.
 * The text is kept as the admin sent it (YAML or JSON); each write raises the revision. The last {@value #HISTORY}
 * revisions are kept too, written with the current one.
 */
public interface TaxonomyStore {

    /** How many revisions the history keeps. */
    int HISTORY = 50;

    /**
     * One revision of the history.
     *
     * @param revision its revision
     * @param savedAt when it was stored
     * @param source its text as sent
     */
    record Revision(long revision, Instant savedAt, String source) {

        public Revision {
            Objects.requireNonNull(savedAt, "savedAt must not be null");
            Objects.requireNonNull(source, "source must not be null");
        }
    }

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

    /** The last {@value #HISTORY} revisions stored (the current one first), newest first. */
    List<Revision> history();

    /** The revision {@code revision} while the history keeps it. */
    default Optional<Revision> revision(long revision) {
        return history().stream().filter(r -> r.revision() == revision).findFirst();
    }

    /** A store in this process's memory, its revisions timed by the system clock. */
    static TaxonomyStore inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /** A store in this process's memory, its revisions timed by {@code clock}. */
    static TaxonomyStore inMemory(Clock clock) {
        return new InMemoryTaxonomyStore(clock);
    }
}
