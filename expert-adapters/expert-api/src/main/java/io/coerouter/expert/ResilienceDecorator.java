package io.coerouter.expert;

import java.time.Clock;
import java.util.ServiceLoader;

/**
 * Puts an expert behind the circuit breaker, retries and rate limits a {@link ResilienceConfig} sets; see {@link
 * Expert#resilient(Expert, ResilienceConfig)}. The expert-resilience module provides it (on Resilience4j) and
 * registers it in {@code META-INF/services/io.coerouter.expert.ResilienceDecorator}, so the SPI needs no Resilience4j.
 */
public interface ResilienceDecorator {

    /** {@code expert} behind the protections {@code config} turns on; the tokens-per-minute window reads {@code clock}. */
    Expert decorate(Expert expert, ResilienceConfig config, Clock clock);

    /** The first decorator on the class path. */
    static ResilienceDecorator installed() {
        return ServiceLoader.load(ResilienceDecorator.class, ResilienceDecorator.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no ResilienceDecorator on the class path: add the"
                        + " io.coerouter:expert-resilience module to use Expert.resilient"));
    }
}
