package io.coerouter.skills.recruit;

import java.util.List;
import java.util.Objects;

/**
 * A recruiter's decision: the experts, best first, and how they were chosen.
 *
 * @param method the recruiting method, e.g. {@code default-expert}
 * @param experts the recruited experts, best first; never empty
 * @param reason one sentence a person can read
 */
public record Recruitment(String method, List<Recruit> experts, String reason) {

    public Recruitment {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        if (experts == null || experts.isEmpty()) {
            throw new IllegalArgumentException("experts must not be empty");
        }
        experts = List.copyOf(experts);
    }
}
