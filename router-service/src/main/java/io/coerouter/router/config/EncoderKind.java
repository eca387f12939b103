package io.coerouter.router.config;

import java.util.Locale;

/** The in-process sentence encoder skill classification reads queries with ({@code coe.skills.encoder}). */
public enum EncoderKind {
    /** bge-small-en-v1.5, int8-quantised: the more accurate one (the default). */
    BGE_SMALL,
    /** all-MiniLM-L6-v2: half the layers, faster, less accurate on real questions. */
    MINILM;

    /** The id operators write: {@code bge-small}, {@code minilm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
