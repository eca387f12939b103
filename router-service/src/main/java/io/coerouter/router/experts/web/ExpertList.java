package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /admin/experts}: every registered expert, then the stored entries that cannot be read. */
@JsonPropertyOrder({"object", "data"})
public record ExpertList(
        @JsonProperty("object") String object,
        @JsonProperty("data")
                @ArraySchema(
                        schema =
                                @Schema(
                                        description = "An expert, or a stored entry that cannot be read (state broken)",
                                        anyOf = {ExpertView.class, BrokenExpertView.class}))
                List<ExpertResource> data) {

    static ExpertList of(List<ExpertResource> data) {
        return new ExpertList("list", List.copyOf(data));
    }
}
