package io.coerouter.expert;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What local adapters share: the model pool, where unpacked models and engine files go, and the device to use.
 *
 * @param pool the shared model pool
 * @param cacheDir where archives and class-path models are unpacked, and DJL keeps its engine files
 * @param device {@code auto} (a GPU when the engine sees one, else the CPU), {@code cpu} or {@code gpu}
 */
public record LocalModels(ModelPool pool, Path cacheDir, String device) {

    public LocalModels {
        Objects.requireNonNull(pool, "pool must not be null");
        Objects.requireNonNull(cacheDir, "cacheDir must not be null");
        Objects.requireNonNull(device, "device must not be null");
        device = device.toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, but was '" + device + "'");
        }
    }
}
