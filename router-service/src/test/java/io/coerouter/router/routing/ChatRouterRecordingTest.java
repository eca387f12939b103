package io.coerouter.router.routing;

import static io.coerouter.router.routing.RoutingFixtures.aggregation;
import static io.coerouter.router.routing.RoutingFixtures.aggregators;
import static io.coerouter.router.routing.RoutingFixtures.coe;
import static io.coerouter.router.routing.RoutingFixtures.echo;
import static io.coerouter.router.routing.RoutingFixtures.recruiter;
import static io.coerouter.router.routing.RoutingFixtures.recruitment;
import static io.coerouter.router.routing.RoutingFixtures.registry;
import static io.coerouter.router.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.telemetry.BucketCounts;
import io.coerouter.router.telemetry.LiveMetrics;
import io.coerouter.router.telemetry.MetricsStore;
import io.coerouter.router.telemetry.Window;
import io.coerouter.router.testing.ManualClock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router counts every request it routes in the live metrics once: answered with its tokens, or failed. */
class ChatRouterRecordingTest {

    private final ManualClock clock = new ManualClock();
    private final LiveMetrics metrics = new LiveMetrics(MetricsStore.inMemory(), clock);

    @AfterEach
    void close() {
        metrics.close();
    }

    private ChatRouter router(ExpertRegistry registry, String... recruits) {
        return new ChatRouter(
                registry,
                recruiter(recruitment(recruits)),
                aggregators(registry, aggregation(AggregatorId.VOTE, Map.of())),
                clock,
                0,
                metrics,
                io.coerouter.router.telemetry.genai.GenAiTelemetry.off());
    }

    private BucketCounts counted() {
        return metrics.overview(Window.FIFTEEN_MINUTES).total();
    }

    @Test
    void anAnsweredRequestIsCountedOnceWithTheTokensOfEveryCall() {
        RoutedAnswer answer = router(registry(echo("a"), echo("b")), "a", "b")
                .route(request("coe", "same answer", coe(null, null, true), Set.of()), TokenListener.NONE);

        BucketCounts counted = counted();
        assertThat(counted.requests()).isEqualTo(1);
        assertThat(counted.errors()).isZero();
        assertThat(counted.completionTokens())
                .isEqualTo(answer.usage().outputTokens())
                .isEqualTo(4);
        assertThat(counted.promptTokens()).isEqualTo(answer.usage().inputTokens());
        assertThat(counted.latency().total()).isEqualTo(1);
    }

    @Test
    void aFailedRequestIsCountedAsAnError() {
        ExpertRegistry registry = registry(Map.of("a", ExpertErrorKind.SERVER_ERROR), echo("a"));

        assertThatThrownBy(() -> router(registry, "a").route(request("a", "hello"), TokenListener.NONE))
                .isInstanceOf(RuntimeException.class);

        BucketCounts counted = counted();
        assertThat(counted.requests()).isEqualTo(1);
        assertThat(counted.errors()).isEqualTo(1);
        assertThat(counted.tokens()).isZero();
    }
}
