package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CoePropertiesTest {

    private static CoeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("coe", CoeProperties.class);
    }

    @Test
    void localModelCacheDefaultsToAFolderInTheUsersHome() {
        assertThat(bind(Map.of()).local().cacheDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "coe-router"));
    }

    @Test
    void localSettingsBindFromTheirDocumentedKeys() {
        CoeProperties.Local local = bind(Map.of(
                        "coe.local.cache-dir", "/var/cache/coe",
                        "coe.local.device", "cpu",
                        "coe.local.pinned[0]", "generalist"))
                .local();
        assertThat(local.cacheDir()).isEqualTo(Path.of("/var/cache/coe"));
        assertThat(local.device()).isEqualTo("cpu");
        assertThat(local.pinned()).containsExactly("generalist");
        assertThat(local.roomWait()).hasSeconds(30);
    }
}
