package io.coerouter.embed.minilm;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.coerouter.skills.embed.Embedder;

/** all-MiniLM-L6-v2 run in-process by LangChain4j on ONNX Runtime; built on first use (about 2 s). */
final class MiniLmEmbedder implements Embedder {

    private volatile AllMiniLmL6V2EmbeddingModel model;

    @Override
    public float[] doEmbed(String text) {
        return Embedder.normalise(model().embed(text).content().vector());
    }

    private AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2EmbeddingModel();
                }
                m = model;
            }
        }
        return m;
    }
}
