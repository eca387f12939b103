package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A stored entry that cannot be read, as the admin API shows it: its id, and why. */
@JsonPropertyOrder({"object", "id", "state", "reason", "available"})
public record BrokenExpertView(
        @JsonProperty("object") String object,
        @JsonProperty("id") String id,
        @JsonProperty("state") String state,
        @JsonProperty("reason") String reason,
        @JsonProperty("available") boolean available)
        implements ExpertResource {

    static BrokenExpertView of(String id, String reason) {
        return new BrokenExpertView("coe.expert", id, "broken", reason, false);
    }
}
