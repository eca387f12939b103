package io.coerouter.router.batch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of batches, newest first, as OpenAI lists them. */
public record BatchList(
        String object,
        List<BatchObject> data,
        @JsonProperty("first_id") String firstId,
        @JsonProperty("last_id") String lastId,
        @JsonProperty("has_more") boolean hasMore) {

    /** {@code data}, one page, with {@code hasMore} when more follow. */
    static BatchList of(List<BatchObject> data, boolean hasMore) {
        return new BatchList(
                "list",
                data,
                data.isEmpty() ? null : data.getFirst().id(),
                data.isEmpty() ? null : data.getLast().id(),
                hasMore);
    }
}
