package io.coerouter.embed.bge;

import io.coerouter.skills.embed.Embedder;

/** The in-process bge-small-en-v1.5 {@link Embedder}, kept out of skill-profiler so its users need no ONNX Runtime. */
public final class BgeSmall {

    private BgeSmall() {}

    /**
     * LangChain4j's in-process bge-small-en-v1.5, int8-quantised (384 dimensions, CLS pooling; weights in the jar, no
     * download). Every embedder this returns shares one model, loaded on first use (3-5 s) and safe to call from
     * many threads.
     */
    public static Embedder embedder() {
        return new BgeSmallEmbedder();
    }
}
