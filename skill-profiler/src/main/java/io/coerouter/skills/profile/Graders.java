package io.coerouter.skills.profile;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The built-in graders. */
final class Graders {

    private Graders() {}

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }

    static final Grader EXACT = new Grader() {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public boolean doGrade(EvalItem item, String response) {
            return normalise(response).equals(normalise(item.answer()));
        }
    };

    /** A reply that starts with its letter: "(B)", "[B]", "B.", "B)", "B:" or a lone "B"; not "A cat" or "I think". */
    private static final Pattern LETTER =
            Pattern.compile("^(?:option\\s+)?(?:[(\\[]([A-J])[)\\]]|([A-J])[.):](?:\\s|$)|([A-J])\\s*$)");

    private static final Pattern ANSWER_IS =
            Pattern.compile("answer(?: is)?\\s*[:]?\\s*\\(?([A-J])\\b", Pattern.CASE_INSENSITIVE);

    static final Grader CHOICE = new Grader() {
        @Override
        public String name() {
            return "choice";
        }

        @Override
        public boolean doGrade(EvalItem item, String response) {
            String key = item.answer().strip().replaceAll("[()\\[\\].]", "").toUpperCase(Locale.ROOT);
            String given = letter(response);
            return given != null && given.equals(key);
        }

        private String letter(String response) {
            Matcher stated = ANSWER_IS.matcher(response);
            String last = null;
            while (stated.find()) {
                last = stated.group(1);
            }
            if (last != null) {
                return last.toUpperCase(Locale.ROOT);
            }
            Matcher m = LETTER.matcher(response.strip());
            if (!m.find()) {
                return null;
            }
            return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        }
    };

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?(?:[eE]-?\\d+)?|-?\\.\\d+");

    record Numeric(double tolerance) implements Grader {
        Numeric {
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("tolerance must be >= 0, but was " + tolerance);
            }
        }

        @Override
        public String name() {
            return "numeric:" + tolerance;
        }

        @Override
        public boolean doGrade(EvalItem item, String response) {
            Double expected = last(item.answer());
            Double given = last(response);
            if (expected == null || given == null) {
                return false;
            }
            return Math.abs(given - expected) <= tolerance * Math.max(1.0, Math.abs(expected));
        }

        private static Double last(String text) {
            Matcher m = NUMBER.matcher(text);
            String found = null;
            while (m.find()) {
                found = m.group();
            }
            return found == null ? null : Double.valueOf(found.replace(",", ""));
        }
    }

    static final Grader REGEX = new Grader() {
        @Override
        public String name() {
            return "regex";
        }

        @Override
        public boolean doGrade(EvalItem item, String response) {
            try {
                return Pattern.compile(item.answer(), Pattern.CASE_INSENSITIVE)
                        .matcher(response)
                        .find();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "line " + item.line() + ": the answer is not a valid regular expression: " + e.getMessage());
            }
        }
    };

    record Judge(Expert judge) implements Grader {
        @Override
        public String name() {
            return "judge";
        }

        @Override
        public boolean doGrade(EvalItem item, String response) {
            String verdict = judge.chat(ExpertRequest.builder()
                            .addMessage(ChatMessage.system("You grade answers. Reply with exactly CORRECT if the"
                                    + " response gives the same final answer as the reference, else INCORRECT."))
                            .addMessage(ChatMessage.user("Question: " + item.question() + "\nReference answer: "
                                    + item.answer() + "\nResponse: " + response))
                            .temperature(0.0)
                            .maxTokens(8)
                            .build())
                    .text()
                    .strip()
                    .toUpperCase(Locale.ROOT);
            return verdict.startsWith("CORRECT");
        }
    }
}
