package io.coerouter.router.batch;

import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.config.BatchProperties;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.scheduling.GroupedCalls;
import io.coerouter.router.scheduling.ResidentModels;
import io.coerouter.router.state.SharedState;
import io.coerouter.router.usage.UsageSink;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the Files and Batch APIs over the stores of the shared state: Redis when it is configured, else memory (a bean of
 * either store type replaces them). The lines of the batches' output files are written as the web edge formats them
 * (a {@link BatchOutputFormat} bean).
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FileStore fileStore(SharedState state, JsonMapper json, Clock clock) {
        return state.redis()
                .<FileStore>map(redis -> new RedisFileStore(redis, json, clock))
                .orElseGet(() -> FileStore.inMemory(clock));
    }

    @Bean
    UploadLimits uploadLimits(FileStore files, CoeProperties properties) {
        BatchProperties config = properties.batch();
        return new UploadLimits(
                files,
                config.maxFileSize().toBytes(),
                config.maxStoredBytes().toBytes(),
                config.maxKeyBytes().toBytes(),
                config.maxKeyFiles(),
                config.maxConcurrentUploads(),
                config.maxConcurrentUploadsPerKey(),
                config.uploadTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    BatchStore batchStore(SharedState state, JsonMapper json, Clock clock) {
        return state.redis()
                .<BatchStore>map(redis -> new RedisBatchStore(redis, json))
                .orElseGet(() -> BatchStore.inMemory(clock));
    }

    @Bean(destroyMethod = "close")
    Batches batches(
            CoeProperties properties,
            BatchStore store,
            FileStore files,
            ChatRouter router,
            ChatRequestParser parser,
            JsonMapper json,
            Clock clock,
            ResidentModels resident,
            ApiKeys keys,
            SharedState state,
            BatchOutputFormat format,
            UsageSink usage) {
        BatchProperties config = properties.batch();
        BatchRunner runner = new BatchRunner(
                store,
                files,
                BatchRouter.of(router),
                parser,
                json,
                clock,
                new GroupedCalls(properties.scheduler().maxBatchSize(), resident),
                config.aggregationParallelism(),
                keys,
                format,
                usage);
        return new Batches(
                store,
                files,
                runner,
                clock,
                config.maxRequests(),
                config.concurrentBatches(),
                config.lease(),
                state.replicaId(),
                properties.role().servesApi());
    }
}
