package io.coerouter.expert.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts DJL's PyTorch engine once, offline, with its files under the configured cache folder. */
final class DjlEngine {

    private static final Logger log = LoggerFactory.getLogger(DjlEngine.class);
    private static volatile Engine engine;

    private DjlEngine() {}

    /**
     * The engine. Offline mode makes any download attempt fail at once instead of hanging: libtorch comes from the
     * {@code pytorch-native-*} jar on the class path.
     */
    static Engine get(Path cacheDir) {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (DjlEngine.class) {
            if (engine == null) {
                System.setProperty("ai.djl.offline", "true");
                if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                    System.setProperty("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
                }
                if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
                    System.setProperty(
                            "ENGINE_CACHE_DIR", cacheDir.resolve("engines").toString());
                }
                // Generation feeds ever-changing shapes; the profiling graph executor would re-optimise for each
                // (CausalLm also turns it off per call, since the native setting is per thread).
                if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
                    System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
                }
                Engine started = Engine.getEngine("PyTorch");
                log.info(
                        "DJL {} with PyTorch {} ready; GPUs: {}",
                        Engine.getDjlVersion(),
                        started.getVersion(),
                        started.getGpuCount());
                engine = started;
            }
            return engine;
        }
    }

    /** The device for {@code preference}: {@code auto} takes a GPU when the engine sees one. */
    static Device device(String preference, Path cacheDir) {
        Engine e = get(cacheDir);
        return switch (preference) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (e.getGpuCount() == 0) {
                    throw new IllegalStateException("device 'gpu' was asked for, but the PyTorch engine sees no GPU;"
                            + " build with a CUDA pytorch-native artifact (docs/local-models.md)");
                }
                yield Device.gpu();
            }
            default -> e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
