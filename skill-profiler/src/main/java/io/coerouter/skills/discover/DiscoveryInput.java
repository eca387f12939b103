package io.coerouter.skills.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coerouter.skills.profile.Grader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads unlabelled questions from JSONL: one object a line with {@code question} and optionally {@code answer} and
 * {@code grader}; blank lines are ignored. The first bad line rejects the whole input with a {@link DiscoveryException}
 * naming the line and its problem, never its content. Lengths and the number of questions are bounded by the
 * {@link DiscoveryConfig}.
 */
public final class DiscoveryInput {

    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The fields a line may have. */
    public static final Set<String> FIELDS = Set.of("question", "answer", "grader");

    private DiscoveryInput() {}

    /** The questions of {@code jsonl}, in order. */
    public static List<DiscoveryQuestion> parse(Reader jsonl, DiscoveryConfig config) {
        List<DiscoveryQuestion> questions = new ArrayList<>();
        // A line longer than any valid one is refused before it is parsed (JSON escapes at most sextuple a character).
        long maxLine = 6L * (config.maxQuestionLength() + config.maxAnswerLength()) + 1_000;
        try (BufferedReader reader = new BufferedReader(jsonl)) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (questions.size() == config.maxQuestions()) {
                    throw new DiscoveryException(
                            DiscoveryException.Kind.TOO_MANY_QUESTIONS,
                            number,
                            "more than " + config.maxQuestions() + " questions (line " + number + ")");
                }
                if (line.length() > maxLine) {
                    throw invalid(number, "the line is longer than any valid question");
                }
                questions.add(question(number, line, config));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return questions;
    }

    private static DiscoveryQuestion question(int number, String line, DiscoveryConfig config) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // The parser's message quotes the line; the input never appears in an error.
            throw invalid(
                    number,
                    String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                            ? "duplicate key"
                            : "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid(number, "expected a JSON object");
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            if (!FIELDS.contains(names.next())) {
                throw invalid(number, "unknown field; expected only question, answer and grader");
            }
        }
        String question = text(number, node, "question");
        if (question == null || question.isBlank()) {
            throw invalid(number, "'question' is missing or blank");
        }
        if (question.length() > config.maxQuestionLength()) {
            throw invalid(number, "'question' is longer than " + config.maxQuestionLength() + " characters");
        }
        String answer = text(number, node, "answer");
        if (answer != null && answer.length() > config.maxAnswerLength()) {
            throw invalid(number, "'answer' is longer than " + config.maxAnswerLength() + " characters");
        }
        String grader = text(number, node, "grader");
        if (grader != null) {
            try {
                grader = Grader.parse(grader);
            } catch (IllegalArgumentException e) {
                throw invalid(
                        number, "unknown grader; expected exact, choice, numeric, numeric:<tolerance>, regex or judge");
            }
            if (answer == null) {
                throw invalid(number, "'grader' needs an 'answer' to grade against");
            }
        }
        return new DiscoveryQuestion(number, question, answer, grader);
    }

    private static String text(int number, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw invalid(number, "'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static DiscoveryException invalid(int line, String problem) {
        return new DiscoveryException(DiscoveryException.Kind.INVALID_LINE, line, "line " + line + ": " + problem);
    }
}
