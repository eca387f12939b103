package io.coerouter.router.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How several experts' answers become one.
 *
 * @param defaultAggregator the aggregator when a request names none: {@code vote}, {@code weighted-vote},
 *     {@code synthesis}, {@code judge}, {@code self-moa} or {@code first}
 * @param perSkill aggregators by the query's top skill, overriding the default
 * @param extraction what votes are counted on: {@code auto}, {@code number}, {@code choice}, {@code boxed},
 *     {@code last-line} or {@code regex:<pattern>}
 * @param synthesizer the expert that writes {@code synthesis} answers
 * @param judge the expert that picks {@code judge} answers
 * @param selfMoaSamples how many samples of the best expert {@code self-moa} draws when the request gives no k
 * @param selfMoaTemperature their sampling temperature when the request gives none
 * @param selfMoaAggregator how {@code self-moa} merges its samples ({@code vote}, {@code synthesis}, {@code judge})
 * @param deadline how long a request may take in all; LLM aggregators past it fall back to a vote
 * @param keepAlive how often a stream waiting for several experts sends an SSE comment
 */
public record AggregationProperties(
        @DefaultValue("vote") AggregatorId defaultAggregator,
        Map<String, AggregatorId> perSkill,
        @DefaultValue("auto") AnswerExtraction extraction,
        String synthesizer,
        String judge,
        @DefaultValue("3") int selfMoaSamples,
        @DefaultValue("0.7") double selfMoaTemperature,
        @DefaultValue("vote") AggregatorId selfMoaAggregator,
        @DefaultValue("120s") Duration deadline,
        @DefaultValue("10s") Duration keepAlive) {

    public AggregationProperties {
        perSkill = perSkill == null ? Map.of() : Map.copyOf(perSkill);
        if (selfMoaSamples <= 0) {
            throw new IllegalArgumentException(
                    "coe.aggregation.self-moa-samples must be > 0, but was " + selfMoaSamples);
        }
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("coe.aggregation.keep-alive must be > 0, but was " + keepAlive);
        }
    }
}
