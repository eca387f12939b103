package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bad expert declaration stops the start-up with a message naming the key and the value. */
class ConfigurationErrorsIT {

    /** Starts the application with {@code properties} as command-line arguments, above application.yaml. */
    private static void start(String... properties) {
        String[] args = java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
        new SpringApplicationBuilder(CoeRouterApplication.class)
                .properties("server.port=0")
                .run(args)
                .close();
    }

    @Test
    void anInvalidLimitIsNamed() {
        assertThatThrownBy(() -> start(
                        "coe.experts[0].id=broken", "coe.experts[0].adapter=echo", "coe.experts[0].max-concurrency=0"))
                .hasRootCauseMessage("max_concurrency must be from 1 to 10000, but was '0'.");
    }

    @Test
    void anUnknownAdapterListsTheKnownOnes() {
        assertThatThrownBy(() -> start("coe.experts[0].id=x", "coe.experts[0].adapter=olama"))
                .hasRootCauseMessage(
                        "adapter must be one of [anthropic, azure-openai, djl, echo, gemini, ollama, openai], but was 'olama'");
    }

    @Test
    void aDefaultExpertThatIsNotDeclaredIsNamed() {
        assertThatThrownBy(() ->
                        start("coe.experts[0].id=echo", "coe.experts[0].adapter=echo", "coe.default-expert=ghost"))
                .hasRootCauseMessage("coe.default-expert must be one of [echo], but was 'ghost'");
    }

    @Test
    void aMaxBatchSizeOutOfRangeIsNamedByItsKeyWithItsValue() {
        assertThatThrownBy(() -> start("coe.scheduler.max-batch-size=2000"))
                .hasRootCauseMessage("coe.scheduler.max-batch-size must be from 1 to 1024, but was 2000");
    }

    @Test
    void aTracingSettingOutOfRangeIsNamedWithItsValue() {
        assertThatThrownBy(() -> start("coe.tracing.sampling-ratio=1.5"))
                .hasRootCauseMessage("coe.tracing.sampling-ratio must be from 0 to 1, but was 1.5");
        assertThatThrownBy(() -> start("coe.tracing.endpoint=ftp://collector:4318/v1/traces"))
                .hasRootCauseMessage("coe.tracing.endpoint must be an http(s) URL with a host and no user info, but was"
                        + " 'ftp://collector...'");
    }

    @Test
    void aResponseCacheSettingOutOfRangeIsNamedWithItsValue() {
        assertThatThrownBy(() -> start("coe.cache.semantic.threshold=1.5"))
                .hasRootCauseMessage("coe.cache.semantic.threshold must be above 0 and at most 1, but was 1.5");
        assertThatThrownBy(() -> start("coe.cache.semantic.skill-thresholds.math=0"))
                .hasRootCauseMessage(
                        "coe.cache.semantic.skill-thresholds.math must be above 0 and at most 1, but was 0.0");
        assertThatThrownBy(() -> start("coe.cache.max-entries=0"))
                .hasRootCauseMessage("coe.cache.max-entries must be from 1 to 10000000, but was 0");
        assertThatThrownBy(() -> start("coe.cache.ttl=0s"))
                .hasRootCauseMessage("coe.cache.ttl must be from PT1S to PT720H, but was PT0S");
    }

    @Test
    void aRedisCacheStoreWithoutRedisIsRefused() {
        assertThatThrownBy(() -> start("coe.cache.enabled=true", "coe.cache.store=redis"))
                .hasRootCauseMessage(
                        "coe.cache.store=redis needs the shared Redis server: set coe.redis.url (or REDIS_URL)");
    }

    @Test
    void aTracingEndpointWithCredentialsIsRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> start("coe.tracing.endpoint=http://user:pa55word@collector:4318/v1/traces"))
                .rootCause()
                .hasMessageStartingWith("coe.tracing.endpoint must be an http(s) URL")
                .hasMessageNotContaining("pa55word");
    }
}
