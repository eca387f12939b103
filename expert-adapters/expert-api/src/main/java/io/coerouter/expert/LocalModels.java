package io.coerouter.expert;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What local adapters share: the model pool, where unpacked models and engine files go, the device to use, and how
 * many requests one loaded model generates for together.
 *
 * @param pool the shared model pool
 * @param cacheDir where archives and class-path models are unpacked, and DJL keeps its engine files
 * @param device {@code auto} (a GPU when the engine sees one, else the CPU), {@code cpu} or {@code gpu}
 * @param maxBatchSize the most requests one loaded model generates for at once (its running batch, which requests join
 *     and leave between decoding steps); more wait for a row to free up. 1 to {@value #MAX_BATCH_SIZE_LIMIT}; the
 *     router passes its scheduler's {@code coe.scheduler.max-batch-size}
 */
public record LocalModels(ModelPool pool, Path cacheDir, String device, int maxBatchSize) {

    /** The running batch size when none is given: the scheduler's default batch size. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 16;

    /** The largest running batch accepted. */
    public static final int MAX_BATCH_SIZE_LIMIT = 1024;

    public LocalModels {
        Objects.requireNonNull(pool, "pool must not be null");
        Objects.requireNonNull(cacheDir, "cacheDir must not be null");
        Objects.requireNonNull(device, "device must not be null");
        device = device.toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, but was '" + device + "'");
        }
        if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE_LIMIT) {
            throw new IllegalArgumentException(
                    "maxBatchSize must be 1.." + MAX_BATCH_SIZE_LIMIT + ", but was " + maxBatchSize);
        }
    }

    /** With the {@linkplain #DEFAULT_MAX_BATCH_SIZE default} running batch size. */
    public LocalModels(ModelPool pool, Path cacheDir, String device) {
        this(pool, cacheDir, device, DEFAULT_MAX_BATCH_SIZE);
    }
}
