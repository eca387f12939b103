package io.coerouter.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Learning from callers' feedback ({@code POST /v1/feedback}, docs/routing.md#feedback).
 *
 * @param enabled whether completions are remembered and feedback is taken and used when routing; off by default,
 *     since one caller's feedback changes routing for every caller, so a deployment opts in
 * @param halfLife how long a feedback pseudo-count takes to lose half its weight (at least 1 minute, at most 3650
 *     days)
 * @param weight the pseudo-counts one feedback adds per answering expert and skill, times the skill's probability
 *     (1: a feedback counts as much as one graded profiling question); greater than 0, at most 1000
 * @param completionTtl how long a completion can be given feedback (at least 1 minute, at most 30 days)
 * @param refresh how often a replica reads the shared feedback again for routing (at least 100 ms, at most 1 hour)
 * @param maxCompletions the most completions the in-memory store remembers (the oldest are forgotten first); Redis
 *     keeps each for {@code completionTtl}
 */
public record FeedbackProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("7d") Duration halfLife,
        @DefaultValue("1.0") double weight,
        @DefaultValue("24h") Duration completionTtl,
        @DefaultValue("1s") Duration refresh,
        @DefaultValue("100000") int maxCompletions) {

    public FeedbackProperties {
        within("coe.feedback.half-life", halfLife, Duration.ofMinutes(1), Duration.ofDays(3650));
        if (!(weight > 0 && weight <= 1000)) {
            throw new IllegalArgumentException(
                    "coe.feedback.weight must be greater than 0 and at most 1000, but was " + weight);
        }
        within("coe.feedback.completion-ttl", completionTtl, Duration.ofMinutes(1), Duration.ofDays(30));
        within("coe.feedback.refresh", refresh, Duration.ofMillis(100), Duration.ofHours(1));
        if (maxCompletions < 1) {
            throw new IllegalArgumentException("coe.feedback.max-completions must be >= 1, but was " + maxCompletions);
        }
    }

    /** The defaults: off, a 7-day half-life, weight 1, completions for 24 h, refreshed every second. */
    public static FeedbackProperties defaults() {
        return new FeedbackProperties(
                false, Duration.ofDays(7), 1.0, Duration.ofHours(24), Duration.ofSeconds(1), 100_000);
    }

    /** These settings, switched on or off. */
    public FeedbackProperties withEnabled(boolean on) {
        return new FeedbackProperties(on, halfLife, weight, completionTtl, refresh, maxCompletions);
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", but was " + value);
        }
    }
}
