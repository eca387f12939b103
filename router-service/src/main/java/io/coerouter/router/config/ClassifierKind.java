package io.coerouter.router.config;

import java.util.Locale;

/** How queries are classified into skills ({@code coe.skills.classifier}). */
public enum ClassifierKind {
    /** Softmax-regression heads trained on the taxonomy's examples when it loads (the default). */
    TRAINED,
    /** Embedding similarity, in-process: k nearest examples or centroids. */
    EMBEDDING,
    /** An expert names the skills, embeddings as the fallback. */
    KEYWORDS;

    /** The id operators write: {@code trained}, {@code embedding}, {@code keywords}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
