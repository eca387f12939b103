package io.coerouter.router.chat.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.skills.recruit.Recruitment;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/route}: what the router would do with a request.
 *
 * @param object always {@code coe.route}
 * @param model the model the request named
 * @param method how the experts were chosen ({@code symbolic-moe}, {@code category}, {@code default-expert}, {@code
 *     direct})
 * @param skills every skill with its probability, best first
 * @param experts the experts that would answer, best first
 * @param classification how the skills were found
 * @param confidence the top skill's probability
 * @param keywords the keyword model's keywords (keyword mode)
 * @param candidates every eligible expert with its weight, best first
 * @param excluded experts left out, with why
 * @param reason one sentence
 * @param routingMs time spent classifying and recruiting
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RouteResponse(
        String object,
        String model,
        String method,
        List<Score> skills,
        List<Score> experts,
        String classification,
        Double confidence,
        List<String> keywords,
        List<Score> candidates,
        Map<String, String> excluded,
        String reason,
        @JsonProperty("routing_ms") double routingMs) {

    /** An id with a score. */
    public record Score(String id, double score) {}

    static RouteResponse of(String model, Recruitment r, double routingMs) {
        return new RouteResponse(
                "coe.route",
                model,
                r.method(),
                r.skills().stream()
                        .map(s -> new Score(s.skill(), round(s.score())))
                        .toList(),
                r.experts().stream()
                        .map(e -> new Score(e.expertId(), round(e.score())))
                        .toList(),
                r.classification(),
                r.confidence() == null ? null : round(r.confidence()),
                r.keywords(),
                r.candidates().stream()
                        .map(e -> new Score(e.expertId(), round(e.score())))
                        .toList(),
                r.excluded(),
                r.reason(),
                routingMs);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
