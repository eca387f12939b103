package io.coerouter.expert.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A loaded TorchScript causal language model and its tokenizer: one forward step at a time, for a whole batch.
 * Closing it frees the native memory of both.
 */
final class CausalLm implements AutoCloseable {

    private final ModelManifest manifest;
    private final Model model;
    private final Block block;
    private final HuggingFaceTokenizer tokenizer;
    /** One generation at a time per model: a batch already uses every core, and batching is how work is shared. */
    final ReentrantLock generating = new ReentrantLock(true);

    CausalLm(ModelManifest manifest, byte[] modelBytes, Path tokenizerFile, Device device) throws Exception {
        this.manifest = manifest;
        this.tokenizer = HuggingFaceTokenizer.newInstance(
                tokenizerFile,
                Map.of(
                        "addSpecialTokens", "false",
                        "truncation", "false",
                        "modelMaxLength", Integer.toString(manifest.maxContext())));
        Model loaded = Model.newInstance(manifest.name(), device, "PyTorch");
        try {
            loaded.load(new ByteArrayInputStream(modelBytes), Map.of("mapLocation", "true"));
        } catch (Exception | LinkageError e) {
            loaded.close();
            tokenizer.close();
            throw e;
        }
        this.model = loaded;
        this.block = loaded.getBlock();
    }

    ModelManifest manifest() {
        return manifest;
    }

    long[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        if (!manifest.addBos()) {
            return ids;
        }
        long[] withBos = new long[ids.length + 1];
        withBos[0] = manifest.bosId();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /** Empty past keys or values for a batch of {@code rows}: shape [L, B, H, 0, Dh]. */
    NDArray emptyPast(NDManager manager, int rows) {
        return manager.zeros(
                new Shape(manifest.layers(), rows, manifest.heads(), 0, manifest.headSize()), DataType.FLOAT32);
    }

    /**
     * One forward pass. Returns the logits of each row's last position, [B, V], and the new past keys and values; the
     * caller owns (and closes) every array.
     */
    NDList forward(
            NDManager manager,
            long[][] inputIds,
            long[][] positionIds,
            long[][] attentionMask,
            NDArray pastKeys,
            NDArray pastValues) {
        NDList inputs = new NDList(
                manager.create(inputIds),
                manager.create(positionIds),
                manager.create(attentionMask),
                pastKeys,
                pastValues);
        // The setting is a native thread-local and a virtual thread may run on any carrier: set it on this one.
        JniUtils.setGraphExecutorOptimize(false);
        NDList outputs = block.forward(new ParameterStore(manager, false), inputs, false);
        inputs.get(0).close();
        inputs.get(1).close();
        inputs.get(2).close();
        return outputs;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
