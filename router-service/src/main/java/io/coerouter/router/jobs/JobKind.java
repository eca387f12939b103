package io.coerouter.router.jobs;

import java.util.Arrays;

/** The kinds of job: each with the prefix of its ids and the name the job list shows. */
public enum JobKind {
    PROFILING("profile", "profiling"),
    EVALUATION("eval", "evaluation"),
    AGGREGATOR_SELECTION("selection", "aggregator_selection");

    private final String prefix;
    private final String shown;

    JobKind(String prefix, String shown) {
        this.prefix = prefix;
        this.shown = shown;
    }

    /** What its ids start with, before a dash. */
    public String prefix() {
        return prefix;
    }

    /** Its name in the job list and the store. */
    public String shown() {
        return shown;
    }

    /** The shown name of the kind whose ids start with {@code prefix}; the prefix itself when no kind has it. */
    static String shownOf(String prefix) {
        return Arrays.stream(values())
                .filter(k -> k.prefix.equals(prefix))
                .map(JobKind::shown)
                .findFirst()
                .orElse(prefix);
    }
}
