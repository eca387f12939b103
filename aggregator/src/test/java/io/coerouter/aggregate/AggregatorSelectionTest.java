package io.coerouter.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AggregatorSelectionTest {

    /** A synthesiser that answers with the response holding the largest number: right on "largest" questions. */
    private static final Expert LARGEST = new Expert() {
        @Override
        public ExpertConfig config() {
            return ExpertConfig.builder("largest", "echo").build();
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            Matcher m = Pattern.compile("response:\\n(\\d+)").matcher(request.lastUserText());
            int best = Integer.MIN_VALUE;
            while (m.find()) {
                best = Math.max(best, Integer.parseInt(m.group(1)));
            }
            return ExpertResponse.of("largest", Integer.toString(best), FinishReason.STOP, new TokenUsage(1, 1));
        }
    };

    private static AggregatorSelection.Question question(String skill, String right, String... wrong) {
        return new AggregatorSelection.Question("q", skill, List.of(right), List.of(wrong), right::equals);
    }

    @Test
    void tasksHoldOneRightAndTwoWrongAnswersAndSkipQuestionsThatCannotMakeOne() {
        List<AggregatorSelection.Task> tasks = AggregatorSelection.tasks(
                List.of(question("a", "9", "1", "2", "3"), question("a", "5", "4"), question("a", "7")), 1);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.getFirst().answers()).hasSize(3).contains("9").containsAnyOf("1", "2", "3");
    }

    @Test
    void theCandidateThatRecoversTheRightAnswerMostOftenWinsOverallAndPerSkill() {
        List<AggregatorSelection.Question> questions = List.of(
                question("max", "9", "1", "2"),
                question("max", "8", "3", "4"),
                question("max", "7", "5", "6"),
                question("min", "1", "8", "9"),
                question("min", "2", "8", "9"));
        AggregatorSelection.Result result = AggregatorSelection.run(
                AggregatorSelection.tasks(questions, 7),
                Map.of(
                        "synthesis:largest", Aggregator.synthesis(LARGEST, Aggregator.best()),
                        "vote", Aggregator.vote(AnswerExtractor.auto())),
                3);
        assertThat(result.tasks()).isEqualTo(5);
        assertThat(result.best()).isEqualTo("synthesis:largest");
        assertThat(result.overall().getFirst().right()).isEqualTo(3);
        assertThat(result.bestBySkill()).containsOnlyKeys("max"); // "min" has too few tasks to decide
        assertThat(result.bestBySkill().get("max")).isEqualTo("synthesis:largest");
    }

    @Test
    void withoutTasksThereIsNothingToChooseFrom() {
        assertThatThrownBy(() -> AggregatorSelection.run(List.of(), Map.of("vote", Aggregator.best()), 1))
                .hasMessageContaining("no question has one right and two wrong answers");
    }
}
