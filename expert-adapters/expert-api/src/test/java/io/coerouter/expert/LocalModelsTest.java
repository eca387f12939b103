package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LocalModelsTest {

    private static final ModelPool POOL = ModelPool.create(PoolConfig.of(1L << 20, 0));

    @AfterAll
    static void close() {
        POOL.close();
    }

    @Test
    void withoutABatchSizeAModelRunsTheSchedulersDefaultBatch() {
        assertThat(new LocalModels(POOL, Path.of("cache"), "cpu").maxBatchSize())
                .isEqualTo(LocalModels.DEFAULT_MAX_BATCH_SIZE)
                .isEqualTo(16);
    }

    @Test
    void aBatchSizeOutsideOneToTheLimitIsRefusedNamingTheFieldAndValue() {
        assertThatThrownBy(() -> new LocalModels(POOL, Path.of("cache"), "cpu", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatchSize")
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> new LocalModels(POOL, Path.of("cache"), "cpu", LocalModels.MAX_BATCH_SIZE_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 1025");
        assertThat(new LocalModels(POOL, Path.of("cache"), "cpu", 32).maxBatchSize())
                .isEqualTo(32);
    }
}
