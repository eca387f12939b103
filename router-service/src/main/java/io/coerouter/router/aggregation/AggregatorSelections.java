package io.coerouter.router.aggregation;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.AggregationInput;
import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AggregatorSelection;
import io.coerouter.aggregate.AnswerExtractor;
import io.coerouter.expert.Expert;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.routing.SelectedAggregators;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic-MoE's aggregator choice. The experts answer a labelled set (as in profiling); every question with a right
 * and two wrong answers becomes a task; each candidate (each synthesiser expert, the vote and the weighted vote) is
 * scored on recovering the right answer. The result is published as the selection in force.
 */
public final class AggregatorSelections {

    /** The fallback of a synthesiser under test: none, so a synthesiser that fails scores nothing. */
    private static final Aggregator NOTHING = new Aggregator() {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public Aggregation doAggregate(AggregationInput input) {
            return new Aggregation("none", "", FinishReason.STOP, TokenUsage.ZERO, "no fallback", false);
        }
    };

    private final SelectedAggregators selected;
    private final Clock clock;

    private AggregatorSelections(SelectedAggregators selected, Clock clock) {
        this.selected = selected;
        this.clock = clock;
    }

    public static AggregatorSelections of(SelectedAggregators selected, Clock clock) {
        return new AggregatorSelections(selected, clock);
    }

    /** The candidates: each synthesiser by {@code synthesis:<id>}, then the vote and the weighted vote. */
    public static Map<String, Aggregator> candidates(List<Expert> synthesisers) {
        Map<String, Aggregator> candidates = new LinkedHashMap<>();
        for (Expert e : synthesisers) {
            // No fallback: a synthesiser that fails scores nothing, so only its own answers count.
            candidates.put(SelectedAggregators.SYNTHESIS + e.id(), Aggregator.synthesis(e, NOTHING));
        }
        candidates.put("vote", Aggregator.vote(AnswerExtractor.auto()));
        candidates.put("weighted-vote", Aggregator.weightedVote(AnswerExtractor.auto()));
        return candidates;
    }

    /**
     * Has the experts of {@code spec} answer its set, scores {@code candidates} on the tasks their answers make, and
     * publishes the result as selection {@code id}.
     *
     * @param grader what marks an answer right
     * @param seed the seed of the tasks' random answers
     * @param minPerSkill the fewest tasks a skill needs for a choice of its own
     */
    public AggregatorSelection.Result run(
            ProfileJob.Spec spec,
            Grader grader,
            Map<String, Aggregator> candidates,
            long seed,
            int minPerSkill,
            String id) {
        ProfileJob answered = ProfileJob.runForAnswers(spec, clock);
        AggregatorSelection.Result r = AggregatorSelection.run(
                AggregatorSelection.tasks(questions(answered.answers(), grader), seed), candidates, minPerSkill);
        selected.publish(new SelectedAggregators.Selection(r, clock.instant(), id));
        return r;
    }

    /** Groups the experts' answers by question into right and wrong ones. */
    private static List<AggregatorSelection.Question> questions(List<ProfileJob.Answer> answers, Grader grader) {
        Map<EvalItem, List<ProfileJob.Answer>> byItem = new LinkedHashMap<>();
        answers.stream().filter(a -> a.text() != null).forEach(a -> byItem.computeIfAbsent(
                        a.item(), k -> new ArrayList<>())
                .add(a));
        List<AggregatorSelection.Question> questions = new ArrayList<>();
        byItem.forEach((item, list) -> questions.add(new AggregatorSelection.Question(
                item.question(),
                item.skills().isEmpty() ? null : item.skills().getFirst(),
                list.stream()
                        .filter(ProfileJob.Answer::right)
                        .map(ProfileJob.Answer::text)
                        .toList(),
                list.stream()
                        .filter(a -> !a.right())
                        .map(ProfileJob.Answer::text)
                        .toList(),
                text -> grader.grade(item, text))));
        return questions;
    }
}
