package io.coerouter.router.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * LocalProperties models and their pool.
 *
 * @param device {@code auto} (a GPU when the engine sees one), {@code cpu} or {@code gpu}
 * @param cacheDir where class-path and archived models are unpacked and DJL keeps libtorch; unset: {@code
 *     ~/.cache/coe-router}
 * @param deviceMemoryBudget the most bytes of loaded models; unset: half the memory available at start
 * @param hostMemoryBudget the most bytes of model files kept in RAM for fast reloads; unset: a quarter of it
 * @param roomWait how long a load waits for busy models to free room before answering 503
 * @param pinned expert ids never evicted once loaded
 * @param modelDirs the folders whose models experts created through the admin API may load (besides the demo
 *     models on the class path); empty: none
 * @param modelClasspathPrefixes class-path folders, besides {@code coe-demo-experts/}, whose models experts created
 *     through the admin API may load as {@code classpath:<prefix>/<model>}; empty: none
 */
public record LocalProperties(
        @DefaultValue("auto") String device,
        Path cacheDir,
        DataSize deviceMemoryBudget,
        DataSize hostMemoryBudget,
        @DefaultValue("30s") Duration roomWait,
        List<String> pinned,
        List<Path> modelDirs,
        List<String> modelClasspathPrefixes) {

    public LocalProperties {
        modelDirs = modelDirs == null ? List.of() : List.copyOf(modelDirs);
        modelClasspathPrefixes = modelClasspathPrefixes == null ? List.of() : List.copyOf(modelClasspathPrefixes);
        // Not a @DefaultValue: those are not placeholder-resolved, so ${user.home} would be taken literally.
        cacheDir = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "coe-router");
        pinned = pinned == null ? List.of() : List.copyOf(pinned);
    }
}
