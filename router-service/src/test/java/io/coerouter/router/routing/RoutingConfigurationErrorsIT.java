package io.coerouter.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.CoeRouterApplication;
import io.coerouter.router.config.CoeProperties;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Routing's closed sets ({@code coe.routing.method}, {@code coe.routing.selection}, the aggregators under {@code
 * coe.aggregation}) bind as enums by their lower-case ids; a bad value stops the start-up naming the property and the
 * allowed ids.
 */
class RoutingConfigurationErrorsIT {

    private static ConfigurableApplicationContext start(String... properties) {
        String[] args = Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(CoeRouterApplication.class)
                .properties("server.port=0", "coe.experts[0].id=echo", "coe.experts[0].adapter=echo")
                .run(args);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "coe.aggregation.default-aggregator | loudest | [vote, weighted-vote, synthesis, judge, self-moa, first]",
                "coe.aggregation.per-skill.math | loudest | [vote, weighted-vote, synthesis, judge, self-moa, first]",
                "coe.aggregation.self-moa-aggregator | loudest | [vote, weighted-vote, synthesis, judge, self-moa, first]",
                "coe.aggregation.extraction | loudest | [auto, number, choice, boxed, last-line, regex:<pattern>]",
                "coe.routing.method | nearest | [symbolic-moe, category]",
                "coe.routing.selection | best | [top-k, sample]",
                "coe.routing.tradeoff-rule | cheapest | [margin, utility]",
                "coe.skills.classifier | llm | [trained, embedding, keywords]",
                "coe.skills.encoder | bert | [bge-small, minilm]",
                "coe.skills.embedding-mode | mean | [centroid, knn]"
            })
    void aBadValueIsNamedWithTheAllowedOnes(String property, String value, String allowed) {
        assertThatThrownBy(() -> start(property + "=" + value).close())
                .hasStackTraceContaining("Failed to bind properties under '" + property + "'")
                .hasRootCauseMessage("must be one of " + allowed + ", but was '" + value + "'");
    }

    @Test
    void theDocumentedIdsBindAsTheyAlwaysHave() {
        try (ConfigurableApplicationContext context = start(
                "coe.aggregation.default-aggregator=weighted-vote",
                "coe.aggregation.per-skill.math=first",
                "coe.routing.method=category",
                "coe.routing.selection=sample",
                "coe.routing.tradeoff-rule=utility",
                "coe.skills.embedding-mode=centroid",
                "coe.aggregation.extraction=regex:answer: (\\d+)")) {
            CoeProperties properties = context.getBean(CoeProperties.class);
            assertThat(properties.aggregation().defaultAggregator().id()).isEqualTo("weighted-vote");
            assertThat(properties.aggregation().perSkill().get("math").id()).isEqualTo("first");
            assertThat(properties.routing().method().id()).isEqualTo("category");
            assertThat(properties.routing().selection().name()).isEqualTo("SAMPLE");
            assertThat(properties.routing().tradeoffRule().id()).isEqualTo("utility");
            assertThat(properties.aggregation().extraction()).hasToString("regex:answer: (\\d+)");
        }
    }

    @Test
    void aTradeoffOutsideZeroToOneStopsTheStartNamingIt() {
        assertThatThrownBy(() -> start("coe.routing.tradeoff=1.5").close())
                .hasStackTraceContaining("coe.routing: tradeoff must be in [0, 1], but was 1.5")
                .hasRootCauseMessage("tradeoff must be in [0, 1], but was 1.5");
    }

    @Test
    void aBadTrainedClassifierSettingStopsTheStartNamingIt() {
        assertThatThrownBy(() -> start("coe.skills.l2=-1").close())
                .hasStackTraceContaining("coe.skills: l2 must be >= 0, but was -1.0");
        assertThatThrownBy(() -> start("coe.skills.max-chars=4").close())
                .hasStackTraceContaining("coe.skills: maxChars must be >= 32, but was 4");
    }

    @Test
    void theTrainedClassifierAndBothEncodersBindByTheirIds() {
        try (ConfigurableApplicationContext c =
                start("coe.skills.classifier=trained", "coe.skills.encoder=minilm", "coe.skills.views=false")) {
            assertThat(c.isRunning()).isTrue();
        }
    }
}
