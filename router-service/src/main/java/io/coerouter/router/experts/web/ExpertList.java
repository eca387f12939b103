package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code GET /admin/experts}: every registered expert, then the stored entries that cannot be read. */
@JsonPropertyOrder({"object", "data"})
public record ExpertList(@JsonProperty("object") String object, @JsonProperty("data") List<ExpertResource> data) {

    static ExpertList of(List<ExpertResource> data) {
        return new ExpertList("list", List.copyOf(data));
    }
}
