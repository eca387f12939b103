package io.coerouter.skills.profile;

import java.util.List;
import java.util.Objects;

/**
 * One labelled question of an evaluation set.
 *
 * @param line the line it came from (1-based), for messages
 * @param question the question sent to experts
 * @param answer the reference answer
 * @param skills the skills it exercises; empty when untagged (the classifier tags it)
 * @param grader how answers are graded, or null for the job's default (see {@link Grader#parse})
 * @param split an optional split name, e.g. {@code profile} or {@code test}
 */
public record EvalItem(int line, String question, String answer, List<String> skills, String grader, String split) {

    public EvalItem {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
        Objects.requireNonNull(answer, "answer must not be null");
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** This item tagged with {@code skills}. */
    public EvalItem withSkills(List<String> tagged) {
        return new EvalItem(line, question, answer, tagged, grader, split);
    }
}
