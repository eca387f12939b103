package io.coerouter.skills.profile;

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
import org.junit.jupiter.api.Test;

class GraderTest {

    private static EvalItem item(String answer) {
        return new EvalItem(1, "q", answer, List.of(), null, null);
    }

    @Test
    void exactMatchIgnoresCaseSpacingAndATrailingPeriod() {
        assertThat(Grader.exact().grade(item("Paris"), "  paris. ")).isTrue();
        assertThat(Grader.exact().grade(item("New  Delhi"), "new delhi")).isTrue();
        assertThat(Grader.exact().grade(item("Paris"), "Paris, France")).isFalse();
    }

    @Test
    void choiceFindsTheLetterInTheUsualForms() {
        Grader choice = Grader.choice();
        assertThat(choice.grade(item("B"), "(B)")).isTrue();
        assertThat(choice.grade(item("(B)"), "B. Because...")).isTrue();
        assertThat(choice.grade(item("C"), "After thinking, the answer is C.")).isTrue();
        assertThat(choice.grade(item("C"), "Answer: (C)")).isTrue();
        assertThat(choice.grade(item("C"), "(A)")).isFalse();
        assertThat(choice.grade(item("C"), "I cannot tell")).isFalse();
        assertThat(choice.grade(item("A"), "A cat is an animal")).isFalse();
        assertThat(choice.grade(item("I"), "I think so")).isFalse();
        assertThat(choice.grade(item("D"), "D")).isTrue();
    }

    @Test
    void numericTakesTheLastNumberWithinATolerance() {
        assertThat(Grader.numeric(1e-6).grade(item("42"), "so it is 42.0")).isTrue();
        assertThat(Grader.numeric(1e-6).grade(item("1,000"), "1000")).isTrue();
        assertThat(Grader.numeric(0.01).grade(item("3.14159"), "about 3.14")).isTrue();
        assertThat(Grader.numeric(1e-6).grade(item("3.14159"), "about 3.14")).isFalse();
        assertThat(Grader.numeric(1e-6).grade(item("7"), "seven")).isFalse();
    }

    @Test
    void regexMatchesAnywhereAndABadPatternNamesItsLine() {
        assertThat(Grader.regex().grade(item("kingston|jamaica"), "It is Kingston."))
                .isTrue();
        assertThat(Grader.regex().grade(item("^\\d+$"), "12a")).isFalse();
        assertThatThrownBy(() -> Grader.regex().grade(item("(unclosed"), "x")).hasMessageContaining("line 1");
    }

    @Test
    void theJudgeAsksAnExpertAndReadsItsVerdict() {
        Expert judge = new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder("judge", "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                String prompt = request.lastUserText();
                boolean same = prompt.contains("Reference answer: 4\nResponse: four");
                return ExpertResponse.of(
                        "judge", same ? "CORRECT" : "INCORRECT", FinishReason.STOP, new TokenUsage(1, 1));
            }
        };
        assertThat(Grader.judge(judge).grade(item("4"), "four")).isTrue();
        assertThat(Grader.judge(judge).grade(item("4"), "five")).isFalse();
    }

    @Test
    void namesAreCheckedAndTheJudgeNeedsAnExpert() {
        assertThat(Grader.named("numeric:0.5", null).name()).isEqualTo("numeric:0.5");
        assertThatThrownBy(() -> Grader.named("fuzzy", null)).hasMessageContaining("unknown grader 'fuzzy'");
        assertThatThrownBy(() -> Grader.named("judge", null)).hasMessageContaining("needs a judge expert");
    }
}
