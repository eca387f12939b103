package io.coerouter.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo expert pack as the local-model benchmarks use it: its models, their skills and its questions. */
final class DemoPack {

    /** The six demo models: five specialists, then the generalist. */
    static final List<String> MODELS = List.of(
            "arithmetic-expert", "units-expert", "strings-expert", "calendar-expert", "capitals-expert", "generalist");

    /** The skill the router sends each demo specialist; the generalist gets every skill. */
    static final Map<String, String> SKILL = Map.of(
            "arithmetic-expert", "arithmetic",
            "units-expert", "unit-conversion",
            "strings-expert", "string-manipulation",
            "calendar-expert", "calendar",
            "capitals-expert", "capitals");

    /** One evaluation question and its skill. */
    record Question(String text, String skill) {}

    private DemoPack() {}

    /** Every question of the pack's evaluation set, in file order. */
    static List<Question> questions() throws Exception {
        List<Question> questions = new ArrayList<>();
        try (InputStream in = DemoPack.class.getResourceAsStream("/coe-demo-experts/eval/demo-eval.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String question = field(line, "question");
                if (question != null) {
                    questions.add(new Question(question, field(line, "skill")));
                }
            }
        }
        return questions;
    }

    /** A string field of one JSONL line; a tiny extraction keeps this module free of a JSON library. */
    private static String field(String line, String name) {
        int at = line.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int start = line.indexOf('"', line.indexOf(':', at) + 1) + 1;
        int end = start;
        while (line.charAt(end) != '"' || line.charAt(end - 1) == '\\') {
            end++;
        }
        return line.substring(start, end).replace("\\\"", "\"");
    }
}
