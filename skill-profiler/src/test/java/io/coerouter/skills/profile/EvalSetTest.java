package io.coerouter.skills.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class EvalSetTest {

    private static final String MIXED =
            """
            {"question": "What is 2 + 2?", "answer": "4", "skill": "arithmetic", "split": "profile"}
            {"question": "broken", "answer":
            {"question": "Capital of France?", "answer": "Paris", "skills": ["capitals", "geo"], "split": "test"}

            {"question": "no answer"}
            {"question": "x", "answer": "y", "colour": "red"}
            {"question": "Pick one", "answer": "B", "grader": "choice"}
            {"question": "q", "answer": "a", "grader": "telepathy"}
            """;

    @Test
    void skipModeKeepsGoodLinesAndNamesEveryBadLine() {
        EvalSet set = EvalSet.parse(new StringReader(MIXED), EvalSet.OnError.SKIP);
        assertThat(set.items()).extracting(EvalItem::line).containsExactly(1, 3, 7);
        assertThat(set.items().get(1).skills()).containsExactly("capitals", "geo");
        assertThat(set.items().get(2).grader()).isEqualTo("choice");
        assertThat(set.problems())
                .hasSize(4)
                .satisfiesExactly(
                        p -> assertThat(p).isEqualTo("line 2: not valid JSON"),
                        p -> assertThat(p).isEqualTo("line 5: 'answer' is missing"),
                        p -> assertThat(p).startsWith("line 6: unknown field"),
                        p -> assertThat(p).startsWith("line 8: unknown grader"));
    }

    @Test
    void problemsNameTheLineButNeverQuoteItsContent() {
        String hostile = "root:x:0:0:root:/root:/bin/bash\n"
                + "{\"question\": \"q\", \"answer\": \"a\", \"PASSWORD_HUNTER2\": 1}\n"
                + "{\"question\": \"q\", \"answer\": \"a\", \"grader\": \"s3cr3t\"}\n";

        assertThatThrownBy(() -> EvalSet.parse(new StringReader(hostile), EvalSet.OnError.SKIP))
                .isInstanceOfSatisfying(InvalidEvalSetException.class, e -> {
                    assertThat(e.problems())
                            .satisfiesExactly(
                                    p -> assertThat(p).isEqualTo("line 1: not valid JSON"),
                                    p -> assertThat(p).startsWith("line 2: unknown field"),
                                    p -> assertThat(p).startsWith("line 3: unknown grader"));
                    assertThat(e.getMessage() + e.problems())
                            .doesNotContain("root")
                            .doesNotContain("PASSWORD_HUNTER2")
                            .doesNotContain("s3cr3t");
                });
    }

    @Test
    void rejectModeStopsAtTheFirstBadLine() {
        assertThatThrownBy(() -> EvalSet.parse(new StringReader(MIXED), EvalSet.OnError.REJECT))
                .isInstanceOf(InvalidEvalSetException.class)
                .hasMessageStartingWith("line 2: not valid JSON");
    }

    @Test
    void aLineThatRepeatsAKeyIsRefusedWithoutQuotingIt() {
        String jsonl = "{\"question\": \"q\", \"answer\": \"a\"}\n"
                + "{\"question\": \"q\", \"answer\": \"a\", \"answer\": \"SECRET_b\"}\n";

        assertThatThrownBy(() -> EvalSet.parse(new StringReader(jsonl), EvalSet.OnError.REJECT))
                .isInstanceOf(InvalidEvalSetException.class)
                .hasMessage("line 2: duplicate key");
        EvalSet skipped = EvalSet.parse(new StringReader(jsonl), EvalSet.OnError.SKIP);
        assertThat(skipped.items()).extracting(EvalItem::line).containsExactly(1);
        assertThat(skipped.problems()).containsExactly("line 2: duplicate key");
    }

    @Test
    void aSetWithNoValidQuestionIsRefused() {
        assertThatThrownBy(() -> EvalSet.parse(new StringReader("nonsense\n"), EvalSet.OnError.SKIP))
                .isInstanceOf(InvalidEvalSetException.class)
                .hasMessageContaining("no valid question")
                .hasMessageContaining("line 1");
    }

    @Test
    void splitsSelectItems() {
        EvalSet set = EvalSet.parse(new StringReader(MIXED), EvalSet.OnError.SKIP);
        assertThat(set.split("test").items()).extracting(EvalItem::line).containsExactly(3);
        assertThat(set.split(null).items()).hasSize(3);
    }
}
