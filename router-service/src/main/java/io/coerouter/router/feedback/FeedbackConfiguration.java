package io.coerouter.router.feedback;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.state.SharedState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Feedback: its store in the shared state (Redis when configured, else memory), the overlay routing reads. */
@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

    @Bean
    FeedbackStore feedbackStore(CoeProperties properties, SharedState state, JsonMapper json, Clock clock) {
        return state.redis()
                .map(redis -> FeedbackStore.redis(redis, json, clock))
                .orElseGet(() -> FeedbackStore.inMemory(properties.feedback().maxCompletions(), clock));
    }

    /** Refreshed on every replica that routes; a worker ({@code coe.role=worker}) routes nothing, so it never polls. */
    @Bean(destroyMethod = "close")
    FeedbackOverlay feedbackOverlay(CoeProperties properties, FeedbackStore store, Clock clock) {
        FeedbackOverlay overlay = FeedbackOverlay.of(properties.feedback(), store, clock);
        return properties.role().servesApi() ? overlay.start() : overlay;
    }

    @Bean(destroyMethod = "close")
    Feedback feedback(
            CoeProperties properties, FeedbackStore store, FeedbackOverlay overlay, Clock clock, MeterRegistry meters) {
        return new Feedback(properties.feedback(), store, overlay, clock, meters);
    }
}
