package io.coerouter.router.aggregation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.aggregate.AggregatorSelection;
import java.util.List;

/**
 * An aggregator selection job as {@code /admin/aggregators/selection/{id}} shows it.
 *
 * @param state {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param candidates the candidates compared, by name
 * @param skippedLines one message per line of the evaluation set that was skipped
 * @param error why it failed; absent when it did not
 * @param result the scores and choices; absent until it succeeded
 */
record SelectionView(
        String object,
        String id,
        String state,
        List<String> candidates,
        @JsonProperty("skipped_lines") List<String> skippedLines,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) AggregatorSelection.Result result) {}
