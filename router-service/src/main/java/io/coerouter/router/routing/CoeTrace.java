package io.coerouter.router.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The {@code coe} object of every response: what the router did for this request. Built by {@link TraceBuilder}; its
 * parts by their named factories.
 *
 * @param route {@code coe} when the router chose the experts, {@code direct} when the client named one
 * @param skills the query's likeliest skills with their probabilities, best first (empty for a direct request)
 * @param experts every expert called, in order
 * @param aggregator the aggregator that produced the answer, or null when one expert answered alone
 * @param costUsd US dollars spent on every call, from the configured prices
 * @param timingsMs where the time went, in milliseconds
 * @param explanation why these experts, when the request asked {@code coe.explain}
 * @param cache how the response cache answered, when it answered ({@code cache.ResponseCache}); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoeTrace(
        String route,
        List<SkillScore> skills,
        List<ExpertCall> experts,
        String aggregator,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("timings_ms") Timings timingsMs,
        Explanation explanation,
        Cache cache) {

    /** A trace of work done by experts (not answered from the cache). */
    public CoeTrace(
            String route,
            List<SkillScore> skills,
            List<ExpertCall> experts,
            String aggregator,
            BigDecimal costUsd,
            Timings timingsMs,
            Explanation explanation) {
        this(route, skills, experts, aggregator, costUsd, timingsMs, explanation, null);
    }

    /**
     * This trace with each expert call's own answer ({@code answers}, in the order of {@link #experts}; null for a
     * call without one), for the admin playground, which shows every expert's answer.
     */
    public CoeTrace withAnswers(List<String> answers) {
        List<ExpertCall> shown = new java.util.ArrayList<>(experts.size());
        for (int i = 0; i < experts.size(); i++) {
            shown.add(i < answers.size() ? experts.get(i).withAnswer(answers.get(i)) : experts.get(i));
        }
        return new CoeTrace(route, skills, List.copyOf(shown), aggregator, costUsd, timingsMs, explanation, cache);
    }

    /**
     * An answer from the response cache: {@code kind} {@code exact} or {@code semantic}, the cosine {@code similarity}
     * of the question to the cached one (1 for an exact match), the cached answer's age, and what its expert calls
     * cost when it was made (nothing is charged for the hit).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.swagger.v3.oas.annotations.media.Schema(name = "CacheHit")
    public record Cache(
            String status,
            String kind,
            double similarity,
            @JsonProperty("age_s") long ageSeconds,
            @JsonProperty("saved_usd") BigDecimal savedUsd) {}

    /** A skill of the query and how sure the classifier is. */
    public record SkillScore(String id, double score) {}

    /**
     * One expert call; see {@link #answered}, {@link #failed}, {@link #cancelled}.
     *
     * @param answer the call's own answer text: only in the admin playground's trace ({@link #withAnswers}), never in
     *     a {@code /v1} response
     * @param worker the cluster worker that ran the call (a local expert on a gateway), or null when it ran here
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExpertCall(
            String id,
            double score,
            String status,
            @JsonProperty("finish_reason") String finishReason,
            @JsonProperty("latency_ms") double latencyMs,
            @JsonProperty("prompt_tokens") Long promptTokens,
            @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("cost_usd") BigDecimal costUsd,
            String error,
            String answer,
            Worker worker) {

        /** A call that answered. */
        public static ExpertCall answered(
                String id,
                double score,
                String finishReason,
                double latencyMs,
                long promptTokens,
                long completionTokens,
                BigDecimal costUsd) {
            return new ExpertCall(
                    id,
                    score,
                    "ok",
                    finishReason,
                    latencyMs,
                    promptTokens,
                    completionTokens,
                    costUsd,
                    null,
                    null,
                    null);
        }

        /** This call as a cluster worker ran it (null: it ran on the answering replica). */
        public ExpertCall servedBy(Worker where) {
            return with(answer, where);
        }

        /** A call that failed, with its error kind. */
        public static ExpertCall failed(String id, double score, String error) {
            return new ExpertCall(id, score, "failed", null, 0, null, null, null, error, null, null);
        }

        /** A call cancelled because another expert answered first. */
        public static ExpertCall cancelled(String expertId) {
            return new ExpertCall(expertId, 0, "cancelled", null, 0, null, null, null, null, null, null);
        }

        /** This call with its answer text. */
        public ExpertCall withAnswer(String text) {
            return with(text, worker);
        }

        private ExpertCall with(String text, Worker where) {
            return new ExpertCall(
                    id,
                    score,
                    status,
                    finishReason,
                    latencyMs,
                    promptTokens,
                    completionTokens,
                    costUsd,
                    error,
                    text,
                    where);
        }
    }

    /**
     * Where a cluster worker ran an expert call: its id, how long the request waited before the worker started it,
     * how long the model took to load, the rest (the worker's batching and generation), and the batch it came in.
     */
    public record Worker(
            String id,
            @JsonProperty("wait_ms") double waitMs,
            @JsonProperty("load_ms") double loadMs,
            @JsonProperty("generation_ms") double generationMs,
            @JsonProperty("batch_size") int batchSize) {

        /** From what the worker reported. */
        public static Worker of(io.coerouter.expert.ExpertResponse.Served served) {
            return new Worker(
                    served.worker(),
                    Timings.millis(served.queued().toNanos()),
                    Timings.millis(served.load().toNanos()),
                    Timings.millis(served.generation().toNanos()),
                    served.batchSize());
        }
    }

    /** Milliseconds spent per stage. */
    public record Timings(double routing, double experts, double aggregation, double total) {

        /** From {@link System#nanoTime()} readings: routing began, routing ended, the experts answered, done. */
        public static Timings of(long start, long planned, long answered, long done) {
            return new Timings(
                    millis(planned - start), millis(answered - planned), millis(done - answered), millis(done - start));
        }

        /** Nanoseconds as milliseconds with three decimals. */
        static double millis(long nanos) {
            return Math.round(nanos / 1_000.0) / 1_000.0;
        }

        /** Nanoseconds as milliseconds with three decimals, for timings made outside routing. */
        public static double millisOf(long nanos) {
            return millis(nanos);
        }
    }

    /**
     * Why these experts; built by {@link TraceBuilder#explanation}. {@code tradeoff}: how a cost–quality tradeoff
     * chose, when one applied.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Explanation(
            String method,
            String reason,
            @JsonProperty("requested_k") Integer requestedK,
            @JsonProperty("requested_aggregator") String requestedAggregator,
            @JsonProperty("requested_skills") List<String> requestedSkills,
            String aggregation,
            String classification,
            Double confidence,
            List<String> keywords,
            List<Candidate> candidates,
            Map<String, String> excluded,
            TradeoffExplanation tradeoff) {}

    /** An expert the recruiter weighed, with its weight. */
    public record Candidate(String id, double weight) {}
}
