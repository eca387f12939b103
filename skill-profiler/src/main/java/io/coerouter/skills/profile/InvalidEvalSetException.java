package io.coerouter.skills.profile;

import java.util.List;

/** An evaluation set that cannot be used; {@link #problems} names each bad line. */
public final class InvalidEvalSetException extends IllegalArgumentException {

    private final transient List<String> problems;

    public InvalidEvalSetException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** One message per malformed line, naming the line. */
    public List<String> problems() {
        return problems;
    }
}
