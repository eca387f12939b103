package io.coerouter.skills.taxonomy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One skill of the taxonomy.
 *
 * @param id a stable identifier: lower case letters, digits, {@code .}, {@code _} and {@code -}
 * @param description one sentence saying what the skill covers; it is embedded with the examples
 * @param examples example queries that need the skill
 */
public record Skill(String id, String description, List<String> examples) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Skill {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "skill id must be 1-64 lower-case letters, digits, '.', '_' or '-', but was '" + id + "'");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("skill '" + id + "' needs a description");
        }
        examples = examples == null ? List.of() : List.copyOf(examples);
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i) == null || examples.get(i).isBlank()) {
                throw new IllegalArgumentException("skill '" + id + "' has a blank example at index " + i);
            }
        }
    }
}
