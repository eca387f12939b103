package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/**
 * {@code PUT /admin/profiles}: the version an imported profile set became.
 *
 * @param experts the experts it profiles, in its order
 * @param unknownExperts those of them that are not configured, sorted
 */
record ProfileImported(
        String object, int version, List<String> experts, @JsonProperty("unknown_experts") Set<String> unknownExperts) {

    static ProfileImported of(int version, List<String> experts, Set<String> unknownExperts) {
        return new ProfileImported("coe.profile_version", version, experts, unknownExperts);
    }
}
