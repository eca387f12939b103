package io.coerouter.router.feedback.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.config.FeedbackProperties;
import io.coerouter.router.feedback.FeedbackCounts;
import io.coerouter.router.feedback.FeedbackKey;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/feedback}: the settings and the pseudo-counts routing adds to the profiles now, per expert and
 * skill (decayed to now).
 *
 * @param object always {@code coe.feedback.overlay}
 * @param enabled {@code coe.feedback.enabled}
 * @param halfLifeSeconds {@code coe.feedback.half-life}
 * @param weight {@code coe.feedback.weight}
 * @param completionTtlSeconds {@code coe.feedback.completion-ttl}
 * @param data by expert, then skill
 */
public record FeedbackOverlayView(
        String object,
        boolean enabled,
        @JsonProperty("half_life_s") long halfLifeSeconds,
        double weight,
        @JsonProperty("completion_ttl_s") long completionTtlSeconds,
        List<Entry> data) {

    /** One expert's feedback on one skill. */
    @Schema(name = "FeedbackEntry")
    public record Entry(String expert, String skill, double right, double wrong) {}

    static FeedbackOverlayView of(FeedbackProperties config, Map<FeedbackKey, FeedbackCounts> counts) {
        return new FeedbackOverlayView(
                "coe.feedback.overlay",
                config.enabled(),
                config.halfLife().toSeconds(),
                config.weight(),
                config.completionTtl().toSeconds(),
                counts.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(
                                Comparator.comparing(FeedbackKey::expert).thenComparing(FeedbackKey::skill)))
                        .map(e -> new Entry(
                                e.getKey().expert(),
                                e.getKey().skill(),
                                FeedbackResponse.round(e.getValue().right()),
                                FeedbackResponse.round(e.getValue().wrong())))
                        .toList());
    }
}
