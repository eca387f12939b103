package io.coerouter.skills.discover;

/**
 * One unlabelled question to discover skills from.
 *
 * @param line where it came from (1-based), for messages and the evaluation set
 * @param question the question, not blank
 * @param answer its reference answer, or null when it has none (then it is clustered but not profiled on)
 * @param grader how answers to it are graded when profiling, or null for the job's default
 */
public record DiscoveryQuestion(int line, String question, String answer, String grader) {

    public DiscoveryQuestion {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, but was " + line);
        }
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
    }

    /** A question without answer or grader. */
    public static DiscoveryQuestion of(int line, String question) {
        return new DiscoveryQuestion(line, question, null, null);
    }

    /** Whether it has a reference answer. */
    public boolean answered() {
        return answer != null;
    }
}
