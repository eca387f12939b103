package io.coerouter.skills.discover;

/** Questions skills cannot be discovered from; {@link #kind} says why, {@link #line} where (0: not one line). */
public final class DiscoveryException extends IllegalArgumentException {

    /** Why. */
    public enum Kind {
        /** A line is not a valid question; {@link #line} names it. */
        INVALID_LINE,
        /** More questions than {@link DiscoveryConfig#maxQuestions}. */
        TOO_MANY_QUESTIONS,
        /** Fewer questions than the clusters asked for (or than two). */
        TOO_FEW_QUESTIONS
    }

    private final Kind kind;
    private final int line;

    DiscoveryException(Kind kind, int line, String message) {
        super(message);
        this.kind = kind;
        this.line = line;
    }

    public Kind kind() {
        return kind;
    }

    /** The 1-based line at fault, or 0. */
    public int line() {
        return line;
    }
}
