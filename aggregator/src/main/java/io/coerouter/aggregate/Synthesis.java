package io.coerouter.aggregate;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import java.time.Instant;
import java.util.List;

/** An aggregator expert writes the final answer from the question and the candidates' answers, streaming it. */
final class Synthesis implements Aggregator {

    private final Expert synthesizer;
    private final Aggregator fallback;

    Synthesis(Expert synthesizer, Aggregator fallback) {
        this.synthesizer = java.util.Objects.requireNonNull(synthesizer, "synthesizer must not be null");
        this.fallback = java.util.Objects.requireNonNull(fallback, "fallback must not be null");
    }

    @Override
    public String id() {
        return "synthesis";
    }

    @Override
    public Aggregation doAggregate(AggregationInput input) {
        List<Candidate> answered = input.answered();
        if (Instant.now().isAfter(input.deadline())) {
            return fallback.doAggregate(input)
                    .as(id(), "the deadline had passed, so no synthesis: ", io.coerouter.expert.TokenUsage.ZERO);
        }
        try {
            ExpertResponse written = synthesizer.chat(Prompts.synthesis(input.request(), answered), input.tokens());
            return new Aggregation(
                    id(),
                    written.text(),
                    written.finishReason(),
                    written.usage(),
                    "'" + synthesizer.id() + "' synthesised " + answered.size() + " answers (from "
                            + String.join(
                                    ", ",
                                    answered.stream().map(Candidate::expertId).toList()) + ")"
                            + Candidates.failedNote(input),
                    input.tokens().streaming());
        } catch (ExpertException e) {
            return fallback.doAggregate(input)
                    .as(
                            id(),
                            "the synthesiser '" + synthesizer.id() + "' failed ("
                                    + e.kind().name().toLowerCase(java.util.Locale.ROOT) + "), so: ",
                            io.coerouter.expert.TokenUsage.ZERO);
        }
    }
}
