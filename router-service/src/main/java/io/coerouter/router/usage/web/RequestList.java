package io.coerouter.router.usage.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /admin/requests}: logged requests, newest first; {@code last_id} is the {@code before} of the next page
 * when {@code has_more}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestList(
        String object,
        boolean enabled,
        String message,
        List<RequestView> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("first_id") String firstId,
        @JsonProperty("last_id") String lastId) {

    static final String OFF =
            "The request log is off: set coe.usage.datasource.url and" + " coe.usage.request-log.enabled=true.";

    static RequestList off() {
        return new RequestList("list", false, OFF, List.of(), false, null, null);
    }

    static RequestList of(List<RequestView> data, boolean hasMore) {
        return new RequestList(
                "list",
                true,
                null,
                data,
                hasMore,
                data.isEmpty() ? null : data.getFirst().id(),
                data.isEmpty() ? null : data.getLast().id());
    }
}
