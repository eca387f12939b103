package io.coerouter.router.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The aggregators a deployment configures ({@code coe.aggregation.*}) and a request names ({@code coe.aggregator}), by
 * the lower-case id that configuration, requests and traces use.
 */
public enum AggregatorId {
    /** Majority vote over the extracted answers. */
    VOTE("vote"),
    /** Vote weighted by the experts' routing scores. */
    WEIGHTED_VOTE("weighted-vote"),
    /** An expert writes one answer from all of them. */
    SYNTHESIS("synthesis"),
    /** An expert picks the best answer. */
    JUDGE("judge"),
    /** Several samples of the best expert, merged by {@code coe.aggregation.self-moa-aggregator}. */
    SELF_MOA("self-moa"),
    /** The first answer wins; the other calls are cancelled. */
    FIRST("first");

    private static final List<String> IDS =
            Arrays.stream(values()).map(AggregatorId::id).toList();

    private final String id;

    AggregatorId(String id) {
        this.id = id;
    }

    /** The id in configuration, requests and traces (and in JSON). */
    @JsonValue
    public String id() {
        return id;
    }

    /** Every id, in declaration order: {@code [vote, weighted-vote, synthesis, judge, self-moa, first]}. */
    public static List<String> ids() {
        return IDS;
    }

    /** The aggregator whose id is exactly {@code id} (as requests must spell it), if any. */
    public static Optional<AggregatorId> find(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    /**
     * The aggregator {@code id} names, exactly or as Spring Boot binds enums leniently ({@code SELF_MOA}).
     *
     * @throws IllegalArgumentException naming the allowed ids
     */
    public static AggregatorId of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(a -> a.id.equals(wanted))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("aggregator must be one of " + IDS + ", but was '" + id + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
