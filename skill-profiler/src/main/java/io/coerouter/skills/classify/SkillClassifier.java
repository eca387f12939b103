package io.coerouter.skills.classify;

import io.coerouter.expert.Expert;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.Objects;

/**
 * Finds the skills a query needs. {@link #classify} checks the query; implementations supply {@link #doClassify}.
 */
public interface SkillClassifier {

    /** The taxonomy whose skills this classifier returns. */
    SkillTaxonomy taxonomy();

    /** The skills {@code query} needs, most likely first. */
    default SkillClassification classify(String query) {
        Objects.requireNonNull(query, "query must not be null");
        if (query.isBlank()) {
            throw new IllegalArgumentException("the query to classify is blank");
        }
        return doClassify(query);
    }

    /** The classification itself; the query is not blank. */
    SkillClassification doClassify(String query);

    /**
     * Embedding classification: the query's embedding against each skill's description and examples, nearest
     * centroid or k nearest examples, probabilities by a softmax over similarities.
     */
    static SkillClassifier embedding(SkillTaxonomy taxonomy, Embedder embedder, EmbeddingClassifierConfig config) {
        return new EmbeddingSkillClassifier(taxonomy, embedder, config);
    }

    /**
     * Trained classification: softmax-regression heads fitted on the taxonomy's examples when this is called (whole
     * text, and for questions with answer options also their stem and their options), probabilities from the
     * heads' mean log-probability. Building it embeds every example: seconds for a few hundred.
     */
    static SkillClassifier trained(SkillTaxonomy taxonomy, Embedder embedder, TrainedClassifierConfig config) {
        return new TrainedSkillClassifier(taxonomy, embedder, config);
    }

    /**
     * Symbolic-MoE keyword classification: {@code keywordModel} is asked for 2-5 skill keywords several times, the
     * keywords that repeat are kept, and each is mapped to its most similar skill by embedding.
     */
    static SkillClassifier keywords(
            SkillTaxonomy taxonomy, Expert keywordModel, Embedder embedder, KeywordClassifierConfig config) {
        return new KeywordSkillClassifier(taxonomy, keywordModel, embedder, config);
    }
}
