package io.coerouter.embed.bge;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.coerouter.skills.embed.Embedder;

/** bge-small-en-v1.5 (quantised) run in-process by LangChain4j on ONNX Runtime; one model per JVM. */
final class BgeSmallEmbedder implements Embedder {

    /** Loaded on first use by the holder idiom: the JVM's class initialisation makes it once and publishes it. */
    private static final class Model {
        static final BgeSmallEnV15QuantizedEmbeddingModel INSTANCE = new BgeSmallEnV15QuantizedEmbeddingModel();
    }

    @Override
    public float[] doEmbed(String text) {
        return Embedder.normalise(Model.INSTANCE.embed(text).content().vector());
    }
}
