package io.coerouter.router;

import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.routing.Aggregators;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.routing.SelectedAggregators;
import io.coerouter.router.telemetry.LiveMetrics;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.coerouter.router.warmup.WarmupPass;
import io.coerouter.skills.recruit.Recruiter;
import java.time.Clock;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the request path: the clock, strict JSON input, the parser, the aggregators and the router. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every body read with the application's mapper refuses duplicate keys instead of keeping the last. */
    @Bean
    JsonMapperBuilderCustomizer strictJsonInput() {
        return JsonBodies::strict;
    }

    @Bean
    ChatRequestParser chatRequestParser(JsonMapper json) {
        return new ChatRequestParser(json);
    }

    @Bean
    SelectedAggregators selectedAggregators() {
        return new SelectedAggregators();
    }

    @Bean
    Aggregators aggregators(CoeProperties properties, ExpertRegistry registry, SelectedAggregators selected) {
        return new Aggregators(properties.aggregation(), registry, selected);
    }

    @Bean
    ChatRouter chatRouter(
            CoeProperties properties,
            ExpertRegistry registry,
            Recruiter recruiter,
            Aggregators aggregators,
            Clock clock,
            LiveMetrics liveMetrics,
            GenAiTelemetry telemetry) {
        return new ChatRouter(
                registry,
                recruiter,
                aggregators,
                clock,
                properties.routing().maxFailovers(),
                WarmupPass.uncounted(liveMetrics),
                telemetry);
    }
}
