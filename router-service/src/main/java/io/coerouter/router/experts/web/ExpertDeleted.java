package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code DELETE /admin/experts/{id}}: what was deleted. */
@JsonPropertyOrder({"id", "object", "deleted"})
public record ExpertDeleted(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("deleted") boolean deleted) {

    static ExpertDeleted of(String id) {
        return new ExpertDeleted(id, "coe.expert.deleted", true);
    }
}
