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
        LocalProperties local = bind(Map.of(
                        "coe.local.cache-dir", "/var/cache/coe",
                        "coe.local.device", "cpu",
                        "coe.local.pinned[0]", "generalist"))
                .local();
        assertThat(local.cacheDir()).isEqualTo(Path.of("/var/cache/coe"));
        assertThat(local.device()).isEqualTo("cpu");
        assertThat(local.pinned()).containsExactly("generalist");
        assertThat(local.roomWait()).hasSeconds(30);
    }

    @Test
    void theLoadDelayDefaultsToHalfTheMaxWaitSoAShorterMaxWaitStaysValid() {
        var defaults = bind(Map.of()).scheduler().toConfig();
        assertThat(defaults.maxWait()).hasSeconds(2);
        assertThat(defaults.loadDelay()).hasMillis(1000);
        assertThat(defaults.policy().name()).isEqualTo("swap-aware");

        var custom = bind(Map.of("coe.scheduler.max-wait", "300ms", "coe.scheduler.policy", "fcfs"))
                .scheduler()
                .toConfig();
        assertThat(custom.loadDelay()).hasMillis(150);
        assertThat(custom.policy().name()).isEqualTo("fcfs");
    }

    @Test
    void batchLimitsBindFromTheirDocumentedKeys() {
        BatchProperties batch = bind(Map.of("coe.batch.max-file-size", "5MB", "coe.batch.concurrent-batches", "2"))
                .batch();
        assertThat(batch.maxFileSize().toMegabytes()).isEqualTo(5);
        assertThat(batch.concurrentBatches()).isEqualTo(2);
        assertThat(batch.maxRequests()).isEqualTo(50_000);
    }
}
