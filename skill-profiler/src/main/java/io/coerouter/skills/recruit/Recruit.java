package io.coerouter.skills.recruit;

import java.util.Objects;

/**
 * One recruited expert.
 *
 * @param expertId the expert's id
 * @param score how strongly it was preferred; higher is better, comparable within one recruitment
 */
public record Recruit(String expertId, double score) {

    public Recruit {
        Objects.requireNonNull(expertId, "expertId must not be null");
    }
}
