package io.coerouter.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Majority vote over extracted answers, counted or weighted by routing score. Ties go to the group with the higher
 * summed routing score, then the higher single score; the winning group's best-scored answer is returned unchanged.
 */
final class Vote implements Aggregator {

    private final AnswerExtractor extractor;
    private final boolean weighted;

    Vote(AnswerExtractor extractor, boolean weighted) {
        this.extractor = java.util.Objects.requireNonNull(extractor, "extractor must not be null");
        this.weighted = weighted;
    }

    @Override
    public String id() {
        return weighted ? "weighted-vote" : "vote";
    }

    private static final class Group {
        final List<Candidate> members = new ArrayList<>();
        double votes;
        double scoreSum;
        double bestScore = Double.NEGATIVE_INFINITY;
    }

    @Override
    public Aggregation doAggregate(AggregationInput input) {
        Map<String, Group> groups = new LinkedHashMap<>();
        int abstained = 0;
        for (Candidate c : input.answered()) {
            String key = extractor.extract(c.response().text());
            if (key == null) {
                abstained++;
                continue;
            }
            Group g = groups.computeIfAbsent(key, k -> new Group());
            g.members.add(c);
            g.votes += weighted ? Math.max(c.score(), 0) : 1;
            g.scoreSum += c.score();
            g.bestScore = Math.max(g.bestScore, c.score());
        }
        if (groups.isEmpty()) {
            return Aggregator.best()
                    .doAggregate(input)
                    .as(id(), "no answer held an extractable answer, so ", io.coerouter.expert.TokenUsage.ZERO);
        }
        Map.Entry<String, Group> winner = groups.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Group>>comparingDouble(e -> e.getValue().votes)
                        .thenComparingDouble(e -> e.getValue().scoreSum)
                        .thenComparingDouble(e -> e.getValue().bestScore))
                .orElseThrow();
        Candidate chosen = winner.getValue().members.stream()
                .max(Comparator.comparingDouble(Candidate::score))
                .orElseThrow();
        StringBuilder tally = new StringBuilder();
        groups.forEach((key, g) -> tally.append(tally.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, weighted ? "'%s' %.3f" : "'%s' %.0f", key, g.votes))
                .append(" (")
                .append(String.join(
                        ", ", g.members.stream().map(Candidate::expertId).toList()))
                .append(")"));
        return Aggregation.picked(
                id(),
                chosen,
                (weighted ? "weighted votes: " : "votes: ") + tally + "; chose '" + winner.getKey() + "', answered by '"
                        + chosen.expertId() + "'" + (abstained > 0 ? "; " + abstained + " without an answer" : "")
                        + Candidates.failedNote(input));
    }
}
