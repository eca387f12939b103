package io.coerouter.skills.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryInputTest {

    private static final DiscoveryConfig CONFIG = new DiscoveryConfig(null, 2, 20, 3, 40, 10, 25, 3, 100, 2_000, 42);

    private static List<DiscoveryQuestion> parse(String jsonl) {
        return DiscoveryInput.parse(new StringReader(jsonl), CONFIG);
    }

    private static void refused(String jsonl, int line, String message) {
        assertThatThrownBy(() -> parse(jsonl))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DiscoveryException.Kind.INVALID_LINE);
                    assertThat(e.line()).isEqualTo(line);
                })
                .hasMessage(message);
    }

    @Test
    void readsQuestionsWithOptionalAnswersAndGradersSkippingBlankLines() {
        List<DiscoveryQuestion> questions = parse(
                """
                {"question": "What is 2 + 2?", "answer": 4, "grader": "Numeric"}

                {"question": "Capital of Peru?", "answer": "Lima"}
                {"question": "Unanswered?"}
                """);

        assertThat(questions)
                .containsExactly(
                        new DiscoveryQuestion(1, "What is 2 + 2?", "4", "numeric"),
                        new DiscoveryQuestion(3, "Capital of Peru?", "Lima", null),
                        new DiscoveryQuestion(4, "Unanswered?", null, null));
        assertThat(questions.get(2).answered()).isFalse();
    }

    @Test
    void eachBadLineIsRefusedByNumberAndProblemWithoutQuotingIt() {
        refused("{\"question\": \"ok\"}\n{secret", 2, "line 2: not valid JSON");
        refused("[\"secret\"]", 1, "line 1: expected a JSON object");
        refused("{\"question\": \"a\", \"question\": \"b\"}", 1, "line 1: duplicate key");
        refused(
                "{\"question\": \"a\", \"skill\": \"secret\"}",
                1,
                "line 1: unknown field; expected only question, answer and grader");
        refused("{\"answer\": \"a\"}", 1, "line 1: 'question' is missing or blank");
        refused("{\"question\": \"  \"}", 1, "line 1: 'question' is missing or blank");
        refused("{\"question\": {\"a\": 1}}", 1, "line 1: 'question' must be a string");
        refused("{\"question\": \"" + "x".repeat(41) + "\"}", 1, "line 1: 'question' is longer than 40 characters");
        refused(
                "{\"question\": \"q\", \"answer\": \"" + "x".repeat(11) + "\"}",
                1,
                "line 1: 'answer' is longer than 10 characters");
        refused(
                "{\"question\": \"q\", \"answer\": \"a\", \"grader\": \"secret\"}",
                1,
                "line 1: unknown grader; expected exact, choice, numeric, numeric:<tolerance>, regex or judge");
        refused(
                "{\"question\": \"q\", \"grader\": \"exact\"}",
                1,
                "line 1: 'grader' needs an 'answer' to grade against");
        refused(
                "{\"question\": \"" + " ".repeat(2_000) + "\"}",
                1,
                "line 1: the line is longer than any valid question");
    }

    @Test
    void moreQuestionsThanTheLimitAreRefusedAtTheFirstOneTooMany() {
        assertThatThrownBy(() -> parse("{\"question\": \"a\"}\n{\"question\": \"b\"}\n{\"question\": \"c\"}\n\n"
                        + "{\"question\": \"d\"}"))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DiscoveryException.Kind.TOO_MANY_QUESTIONS);
                    assertThat(e.line()).isEqualTo(5);
                })
                .hasMessage("more than 3 questions (line 5)");
    }
}
