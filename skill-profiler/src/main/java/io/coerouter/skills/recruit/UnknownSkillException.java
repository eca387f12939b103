package io.coerouter.skills.recruit;

import java.util.List;

/** A request named a skill the taxonomy does not have. */
public final class UnknownSkillException extends IllegalArgumentException {

    private final int index;

    public UnknownSkillException(int index, String skill, List<String> known) {
        super("Unknown skill '" + skill + "'. Known skills: " + String.join(", ", known) + ".");
        this.index = index;
    }

    /** The position of the unknown skill in the request's list. */
    public int index() {
        return index;
    }
}
