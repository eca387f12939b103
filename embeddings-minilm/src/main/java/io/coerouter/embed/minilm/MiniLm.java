package io.coerouter.embed.minilm;

import io.coerouter.skills.embed.Embedder;

/** The in-process all-MiniLM-L6-v2 {@link Embedder}, kept out of skill-profiler so its users need no ONNX Runtime. */
public final class MiniLm {

    private MiniLm() {}

    /** LangChain4j's in-process all-MiniLM-L6-v2 (384 dimensions; its weights ship in the jar, no download). */
    public static Embedder embedder() {
        return new MiniLmEmbedder();
    }
}
