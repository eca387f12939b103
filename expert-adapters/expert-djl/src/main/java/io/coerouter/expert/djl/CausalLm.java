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

/**
 * A loaded TorchScript causal language model and its tokenizer: one forward step at a time, for a whole batch.
 * Closing it frees the native memory of both.
 */
final class CausalLm implements AutoCloseable {

    private final ModelManifest manifest;
    private final Model model;
    private final Block block;
    private final HuggingFaceTokenizer tokenizer;
    /** The model's one running batch: every generation joins it, so a batch already using every core is shared. */
    private final ContinuousBatcher batcher;

    CausalLm(ModelManifest manifest, byte[] modelBytes, Path tokenizerFile, Device device, int maxBatchSize)
            throws Exception {
        this.manifest = manifest;
        this.batcher = new ContinuousBatcher(this, maxBatchSize);
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

    ContinuousBatcher batcher() {
        return batcher;
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

    /** The text of {@code ids[from, to)}, special tokens skipped. */
    String decode(long[] ids, int from, int to) {
        return from >= to ? "" : tokenizer.decode(java.util.Arrays.copyOfRange(ids, from, to), true);
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
     * One forward pass of {@code rows} rows from row-major arrays: ids and positions hold {@code rows x steps} values,
     * the mask {@code rows x maskWidth} (only the leading part of each array is read, so buffers can be reused).
     * Returns the logits of each row's last position, [B, V], and the new past keys and values; the caller owns (and
     * closes) every array, the past ones it passed included.
     */
    NDList forward(
            NDManager manager,
            int rows,
            int steps,
            long[] inputIds,
            long[] positionIds,
            int maskWidth,
            long[] attentionMask,
            NDArray pastKeys,
            NDArray pastValues) {
        NDArray ids = null;
        NDArray positions = null;
        NDArray mask = null;
        try {
            ids = manager.create(java.nio.LongBuffer.wrap(inputIds, 0, rows * steps), new Shape(rows, steps));
            positions = manager.create(java.nio.LongBuffer.wrap(positionIds, 0, rows * steps), new Shape(rows, steps));
            mask = manager.create(
                    java.nio.LongBuffer.wrap(attentionMask, 0, rows * maskWidth), new Shape(rows, maskWidth));
            return forward(manager, ids, positions, mask, pastKeys, pastValues);
        } finally {
            // The inputs made here are closed on every path; the past arrays stay the caller's.
            for (NDArray a : new NDArray[] {ids, positions, mask}) {
                if (a != null) {
                    a.close();
                }
            }
        }
    }

    private NDList forward(
            NDManager manager,
            NDArray inputIds,
            NDArray positionIds,
            NDArray attentionMask,
            NDArray pastKeys,
            NDArray pastValues) {
        NDList inputs = new NDList(inputIds, positionIds, attentionMask, pastKeys, pastValues);
        // The setting is a native thread-local and a virtual thread may run on any carrier: set it on this one.
        JniUtils.setGraphExecutorOptimize(false);
        return block.forward(new ParameterStore(manager, false), inputs, false);
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
