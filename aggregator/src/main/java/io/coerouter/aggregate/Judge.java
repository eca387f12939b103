package io.coerouter.aggregate;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A judge expert names the best candidate, returned unchanged. */
final class Judge implements Aggregator {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final Expert judge;
    private final Aggregator fallback;

    Judge(Expert judge, Aggregator fallback) {
        this.judge = java.util.Objects.requireNonNull(judge, "judge must not be null");
        this.fallback = java.util.Objects.requireNonNull(fallback, "fallback must not be null");
    }

    @Override
    public String id() {
        return "judge";
    }

    @Override
    public Aggregation doAggregate(AggregationInput input) {
        List<Candidate> answered = input.answered();
        if (answered.size() == 1) {
            return Aggregation.picked(id(), answered.getFirst(), "one answer, nothing to judge");
        }
        if (Instant.now().isAfter(input.deadline())) {
            return fallback.doAggregate(input)
                    .as(id(), "the deadline had passed, so no judging: ", io.coerouter.expert.TokenUsage.ZERO);
        }
        ExpertResponse verdict;
        try {
            // The verdict is never streamed to the client; a listener that does not stream is passed on, since the
            // caller may mark its calls through it (a batch's planned work).
            TokenListener tokens = input.tokens().streaming() ? TokenListener.NONE : input.tokens();
            verdict = judge.chat(Prompts.judge(input.request(), answered), tokens);
        } catch (ExpertException e) {
            return fallback.doAggregate(input)
                    .as(
                            id(),
                            "the judge '" + judge.id() + "' failed ("
                                    + e.kind().name().toLowerCase(Locale.ROOT) + "), so: ",
                            io.coerouter.expert.TokenUsage.ZERO);
        }
        Matcher m = NUMBER.matcher(verdict.text());
        int pick = m.find() ? Integer.parseInt(m.group()) : -1;
        if (pick < 1 || pick > answered.size()) {
            return fallback.doAggregate(input)
                    .as(
                            id(),
                            "the judge's reply '" + verdict.text().strip() + "' names no response, so: ",
                            verdict.usage());
        }
        Candidate chosen = answered.get(pick - 1);
        Aggregation picked = Aggregation.picked(
                id(),
                chosen,
                "'" + judge.id() + "' judged response " + pick + " of " + answered.size() + ", from '"
                        + chosen.expertId() + "', the best" + Candidates.failedNote(input));
        return new Aggregation(
                picked.aggregator(), picked.text(), picked.finishReason(), verdict.usage(), picked.trace(), false);
    }
}
