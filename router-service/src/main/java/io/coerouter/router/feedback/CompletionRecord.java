package io.coerouter.router.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is remembered of one routed completion so that feedback on it can be given: who may give it, the experts that
 * answered and the query's skills.
 *
 * @param id the completion's id ({@code chatcmpl-...})
 * @param owner the id of the API key that made the request; null when auth is off (anyone may then give feedback)
 * @param experts the experts whose answers the completion was made from, in routing order, at least one
 * @param skills the query's skills with their probabilities, at least one
 * @param expires when feedback on it is no longer taken
 */
public record CompletionRecord(
        String id, String owner, List<String> experts, List<SkillWeight> skills, Instant expires) {

    /** A skill of the query and its probability (0 to 1). */
    public record SkillWeight(String skill, double probability) {
        public SkillWeight {
            Objects.requireNonNull(skill, "skill must not be null");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be from 0 to 1, but was " + probability);
            }
        }
    }

    public CompletionRecord {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(expires, "expires must not be null");
        experts = List.copyOf(experts);
        skills = List.copyOf(skills);
        if (experts.isEmpty() || skills.isEmpty()) {
            throw new IllegalArgumentException("a completion record needs an expert and a skill");
        }
    }

    /** Whether {@code caller} (an API key id, null without auth) may give feedback on it. */
    public boolean ownedBy(String caller) {
        return Objects.equals(owner, caller);
    }
}
