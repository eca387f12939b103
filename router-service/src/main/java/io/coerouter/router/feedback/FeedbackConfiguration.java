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

    @Bean(destroyMethod = "close")
    FeedbackOverlay feedbackOverlay(CoeProperties properties, FeedbackStore store, Clock clock) {
        return FeedbackOverlay.of(properties.feedback(), store, clock).start();
    }

    @Bean(destroyMethod = "close")
    Feedback feedback(
            CoeProperties properties, FeedbackStore store, FeedbackOverlay overlay, Clock clock, MeterRegistry meters) {
        return new Feedback(properties.feedback(), store, overlay, clock, meters);
    }
}
