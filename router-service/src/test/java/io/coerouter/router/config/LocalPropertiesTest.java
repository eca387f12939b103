package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LocalPropertiesTest {

    private static LocalProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("coe", CoeProperties.class)
                .local();
    }

    @Test
    void folderSettingsTakeAPlainPathOrAFileUrl() {
        LocalProperties local = bind(Map.of(
                "coe.local.cache-dir", "file:/var/cache/coe",
                "coe.local.model-dirs[0]", "/models/a",
                "coe.local.model-dirs[1]", "file:/models/b"));

        assertThat(local.cacheDir()).isEqualTo(Path.of("/var/cache/coe"));
        assertThat(local.modelDirs()).containsExactly(Path.of("/models/a"), Path.of("/models/b"));
    }
}
