package io.coerouter.skills.profile;

import io.coerouter.expert.Expert;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether an answer is right. {@link #grade} checks its inputs; implementations supply {@link #doGrade}.
 */
public interface Grader {

    /** The grader's name as an evaluation set writes it. */
    String name();

    /** Whether {@code response} answers {@code item} correctly. */
    default boolean grade(EvalItem item, String response) {
        Objects.requireNonNull(item, "item must not be null");
        Objects.requireNonNull(response, "response must not be null");
        return doGrade(item, response);
    }

    /** The grading itself. */
    boolean doGrade(EvalItem item, String response);

    /** Exact match after normalisation: trimmed, lower case, whitespace collapsed, a trailing period dropped. */
    static Grader exact() {
        return Graders.EXACT;
    }

    /** The multiple-choice letter (A-J) the response gives, e.g. "(B)", "B.", "The answer is B", against the key. */
    static Grader choice() {
        return Graders.CHOICE;
    }

    /** The last number in the response against the numeric answer, within {@code tolerance} (relative). */
    static Grader numeric(double tolerance) {
        return new Graders.Numeric(tolerance);
    }

    /** The answer is a regular expression the response must contain a match of (case-insensitive). */
    static Grader regex() {
        return Graders.REGEX;
    }

    /** An LLM judge: {@code judge} is shown the question, the reference and the response and says CORRECT or not. */
    static Grader judge(Expert judge) {
        return new Graders.Judge(judge);
    }

    /**
     * Checks a grader name: {@code exact}, {@code choice}, {@code numeric}, {@code numeric:<tolerance>}, {@code
     * regex} or {@code judge}.
     */
    static String parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("exact") || n.equals("choice") || n.equals("regex") || n.equals("judge") || n.equals("numeric")) {
            return n;
        }
        if (n.startsWith("numeric:")) {
            try {
                double t = Double.parseDouble(n.substring("numeric:".length()));
                if (t >= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "unknown grader '" + name + "'; expected exact, choice, numeric, numeric:<tolerance>, regex or judge");
    }

    /** The grader named {@code name}; {@code judge} may be null unless the name is {@code judge}. */
    static Grader named(String name, Expert judge) {
        String n = parse(name);
        return switch (n) {
            case "exact" -> exact();
            case "choice" -> choice();
            case "regex" -> regex();
            case "numeric" -> numeric(1e-6);
            case "judge" -> {
                if (judge == null) {
                    throw new IllegalArgumentException("grader 'judge' needs a judge expert, and none is configured");
                }
                yield judge(judge);
            }
            default -> numeric(Double.parseDouble(n.substring("numeric:".length())));
        };
    }
}
