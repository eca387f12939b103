package io.coerouter.router.feedback;

import java.util.Objects;
import java.util.Optional;

/**
 * One expert on one skill: where feedback pseudo-counts are kept. Stored as {@code expert|skill} (neither an expert
 * id nor a skill id may contain '|').
 */
public record FeedbackKey(String expert, String skill) {

    public FeedbackKey {
        Objects.requireNonNull(expert, "expert must not be null");
        Objects.requireNonNull(skill, "skill must not be null");
        if (expert.indexOf('|') >= 0 || skill.indexOf('|') >= 0) {
            throw new IllegalArgumentException("expert and skill ids may not contain '|'");
        }
    }

    /** The stored form, {@code expert|skill}. */
    public String field() {
        return expert + "|" + skill;
    }

    /** The key a stored field names; empty for a field that is not one. */
    public static Optional<FeedbackKey> parse(String field) {
        int bar = field == null ? -1 : field.indexOf('|');
        if (bar <= 0 || bar == field.length() - 1 || field.indexOf('|', bar + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new FeedbackKey(field.substring(0, bar), field.substring(bar + 1)));
    }
}
