package io.coerouter.skills.recruit;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a cost–quality tradeoff {@code t} in [0, 1] chooses among experts, from each one's expected accuracy on the
 * query and its expected cost per call. Both rules consider only the experts <em>likely to be right</em> (expected
 * accuracy within {@link RecruitConfig#tradeoffMargin()} of the best); at {@code t = 0} both pick the cheapest of
 * those, at {@code t = 1} both pick the most accurate.
 */
public enum TradeoffRule {
    /**
     * The cheapest expert whose expected accuracy is at least {@code best - (1 - t) * margin} (ties: the more
     * accurate). The default: measured on the demo pack it gives the better accuracy–cost curve
     * (docs/benchmarks.md).
     */
    MARGIN("margin"),
    /**
     * The highest {@code t * accuracy - (1 - t) * cost / dearest candidate's cost} among the experts likely to be
     * right.
     */
    UTILITY("utility");

    private final String id;

    TradeoffRule(String id) {
        this.id = id;
    }

    /** The name used in configuration and explanations. */
    public String id() {
        return id;
    }

    /** The rule named {@code id}. */
    public static TradeoffRule of(String id) {
        return Arrays.stream(values())
                .filter(r -> r.id.equals(id.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "tradeoff rule must be one of [margin, utility], but was '" + id + "'"));
    }
}
