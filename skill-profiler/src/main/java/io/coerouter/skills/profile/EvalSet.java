package io.coerouter.skills.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A labelled evaluation set read from JSONL: one object a line with {@code question}, {@code answer} and optionally
 * {@code skill} or {@code skills}, {@code grader}, {@code split}. Blank lines are ignored. A problem is named by its
 * line number and what is wrong, never by the line's content.
 *
 * @param items the questions read
 * @param problems one message per line that was skipped, naming the line
 */
public record EvalSet(List<EvalItem> items, List<String> problems) {

    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> FIELDS = Set.of("question", "answer", "skill", "skills", "grader", "split");

    /** What to do with a malformed line. */
    public enum OnError {
        /** Skip it and report it in {@link #problems}. */
        SKIP,
        /** Reject the whole set with an {@link InvalidEvalSetException}. */
        REJECT
    }

    public EvalSet {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }

    /** Reads JSONL; malformed lines are skipped or rejected as {@code onError} says; an empty set is rejected. */
    public static EvalSet parse(Reader jsonl, OnError onError) {
        List<EvalItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(jsonl)) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    items.add(item(number, line));
                } catch (IllegalArgumentException e) {
                    String problem = "line " + number + ": " + e.getMessage();
                    if (onError == OnError.REJECT) {
                        throw new InvalidEvalSetException(problem, List.of(problem));
                    }
                    problems.add(problem);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (items.isEmpty()) {
            throw new InvalidEvalSetException(
                    "the evaluation set has no valid question"
                            + (problems.isEmpty()
                                    ? ""
                                    : " (" + problems.size() + " malformed lines, first: " + problems.getFirst() + ")"),
                    problems);
        }
        return new EvalSet(items, problems);
    }

    /** The items of one split (all items when {@code split} is null). */
    public EvalSet split(String split) {
        return split == null
                ? this
                : new EvalSet(
                        items.stream().filter(i -> split.equals(i.split())).toList(), problems);
    }

    private static EvalItem item(int number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // The parser's message quotes the line; a set's content never appears in an error.
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                throw new IllegalArgumentException("duplicate key");
            }
            throw new IllegalArgumentException("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field; expected only " + FIELDS);
            }
        });
        String question = text(node, "question", true);
        String answer = text(node, "answer", true);
        List<String> skills = new ArrayList<>();
        if (node.has("skill")) {
            skills.add(text(node, "skill", true));
        }
        if (node.has("skills")) {
            JsonNode array = node.get("skills");
            if (!array.isArray()) {
                throw new IllegalArgumentException("'skills' must be an array of strings");
            }
            array.forEach(s -> {
                if (!s.isTextual() || s.asText().isBlank()) {
                    throw new IllegalArgumentException("'skills' must be an array of non-blank strings");
                }
                skills.add(s.asText());
            });
        }
        String grader = text(node, "grader", false);
        if (grader != null) {
            try {
                Grader.parse(grader);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown grader; expected exact, choice, numeric, numeric:<tolerance>, regex or judge");
            }
        }
        return new EvalItem(number, question, answer, skills, grader, text(node, "split", false));
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("'" + field + "' is missing");
            }
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        String text = value.asText();
        if (required && text.isBlank() && !field.equals("answer")) {
            throw new IllegalArgumentException("'" + field + "' is blank");
        }
        return text;
    }
}
