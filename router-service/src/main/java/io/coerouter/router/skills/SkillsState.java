package io.coerouter.router.skills;

import io.coerouter.router.state.StateEvents;
import io.coerouter.router.state.StateUnavailableException;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live taxonomy and the classifier built from it. The taxonomy lives in a {@link TaxonomyStore}: the admin API
 * replaces it there and tells every replica (event {@code skills}), and each reloads it and builds its classifier off
 * the request path. The classifier for the taxonomy found at start-up is built on first use (embedding the skills
 * takes a moment) and reused until the next change. While the store is unreachable the last taxonomy read is kept.
 */
public final class SkillsState {

    /** The event every replica reloads the taxonomy on. */
    static final String TOPIC = "skills";

    private static final Logger log = LoggerFactory.getLogger(SkillsState.class);

    private final TaxonomyStore store;
    private final StateEvents events;
    private final Function<SkillTaxonomy, SkillClassifier> factory;
    private volatile TaxonomyStore.Stored stored;
    private volatile SkillTaxonomy taxonomy;
    private volatile SkillClassifier classifier;

    private SkillsState(
            TaxonomyStore store,
            StateEvents events,
            Function<SkillTaxonomy, SkillClassifier> factory,
            TaxonomyStore.Stored stored) {
        this.store = store;
        this.events = events;
        this.factory = factory;
        this.stored = stored;
        this.taxonomy = parse(stored);
    }

    /**
     * The taxonomy in {@code store} (seed it first), kept up to date by {@code events}.
     *
     * @param factory builds the classifier of a taxonomy
     * @throws IllegalStateException when the store holds no taxonomy or an invalid one
     */
    public static SkillsState load(
            TaxonomyStore store, StateEvents events, Function<SkillTaxonomy, SkillClassifier> factory) {
        TaxonomyStore.Stored stored = store.read()
                .orElseThrow(() -> new IllegalStateException("no skill taxonomy is stored; seed the store first"));
        SkillsState state = new SkillsState(store, events, factory, stored);
        events.subscribe(TOPIC, state::reload);
        return state;
    }

    /** The taxonomy in force. */
    public SkillTaxonomy taxonomy() {
        return taxonomy;
    }

    /** The store's revision of the taxonomy in force. */
    /** The text the taxonomy in force was read from, as it was sent (YAML or JSON). */
    public String source() {
        return stored.source();
    }

    public long revision() {
        return stored.revision();
    }

    /** The classifier of the taxonomy in force. */
    public SkillClassifier classifier() {
        SkillClassifier c = classifier;
        if (c != null && c.taxonomy() == taxonomy) {
            return c;
        }
        synchronized (this) {
            if (classifier == null || classifier.taxonomy() != taxonomy) {
                classifier = factory.apply(taxonomy);
            }
            return classifier;
        }
    }

    /**
     * Puts {@code next} in force on every replica: its classifier is built first (so a bad one changes nothing),
     * then {@code source}, the text it was read from, is stored and announced.
     *
     * @return the store's revision of it
     * @throws StateUnavailableException when the store cannot be written; nothing changes
     */
    public long replace(SkillTaxonomy next, String source) {
        SkillClassifier built = factory.apply(Objects.requireNonNull(next, "taxonomy must not be null"));
        TaxonomyStore.Stored written = store.write(source);
        put(written, next, built);
        events.publish(TOPIC);
        return written.revision();
    }

    /** Reads the stored taxonomy and puts it in force when it changed; keeps the old one when it cannot. */
    void reload() {
        TaxonomyStore.Stored latest;
        try {
            latest = store.read().orElse(null);
        } catch (StateUnavailableException e) {
            log.warn("the skill taxonomy could not be read again, keeping revision {}: {}", revision(), e.getMessage());
            return;
        }
        // None stored: the store was emptied (a Redis restart without persistence); serve what we have.
        if (latest == null || latest.equals(stored)) {
            return;
        }
        SkillTaxonomy next;
        try {
            next = parse(latest);
        } catch (IllegalStateException e) {
            log.warn("{}; keeping revision {}", e.getMessage(), revision());
            return;
        }
        put(latest, next, factory.apply(next));
        log.info(
                "skill taxonomy revision {} in force ({} skills)",
                latest.revision(),
                next.ids().size());
    }

    private synchronized void put(TaxonomyStore.Stored source, SkillTaxonomy next, SkillClassifier built) {
        stored = source;
        taxonomy = next;
        classifier = built;
    }

    private static SkillTaxonomy parse(TaxonomyStore.Stored stored) {
        try {
            return SkillTaxonomy.fromYaml(
                    new ByteArrayInputStream(stored.source().getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the stored skill taxonomy (revision " + stored.revision() + ") is invalid: " + e.getMessage(), e);
        }
    }
}
