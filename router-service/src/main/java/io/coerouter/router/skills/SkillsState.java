package io.coerouter.router.skills;

import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.Objects;
import java.util.function.Function;

/**
 * The live taxonomy and the classifier built from it. The admin API replaces the taxonomy; the classifier for it is
 * built on first use (embedding the skills takes a moment) and reused until the next change.
 */
public final class SkillsState {

    private final Function<SkillTaxonomy, SkillClassifier> factory;
    private volatile SkillTaxonomy taxonomy;
    private volatile SkillClassifier classifier;

    public SkillsState(SkillTaxonomy taxonomy, Function<SkillTaxonomy, SkillClassifier> factory) {
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy must not be null");
        this.factory = factory;
    }

    /** The taxonomy in force. */
    public SkillTaxonomy taxonomy() {
        return taxonomy;
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

    /** Puts {@code next} in force; its classifier is built before it is (so a bad one changes nothing). */
    public synchronized void replace(SkillTaxonomy next) {
        SkillClassifier built = factory.apply(Objects.requireNonNull(next, "taxonomy must not be null"));
        taxonomy = next;
        classifier = built;
    }
}
