package io.coerouter.router.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coe.warmup.*}: the warm-up at readiness (see {@link WarmupConfig}; unset values take its defaults).
 *
 * @param enabled whether the router warms itself up before it reports ready
 * @param requests how many chat completions it sends itself
 * @param timeout the longest the warm-up may hold readiness back
 * @param exit whether the process exits after the warm-up (an AOT cache training run)
 */
@ConfigurationProperties("coe.warmup")
public record WarmupProperties(Boolean enabled, Integer requests, Duration timeout, Boolean exit) {

    /** The validated config; its validation names the offending key and value. */
    public WarmupConfig toConfig() {
        WarmupConfig d = WarmupConfig.DEFAULTS;
        return new WarmupConfig(
                enabled == null ? d.enabled() : enabled,
                requests == null ? d.requests() : requests,
                timeout == null ? d.timeout() : timeout,
                exit == null ? d.exit() : exit);
    }
}
