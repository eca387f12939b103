package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.skills.evaluate.EvaluationReport;
import java.util.List;

/**
 * An evaluation as {@code /admin/evaluations} shows it.
 *
 * @param state {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param questions how many questions it asks
 * @param skippedLines one message per line of the evaluation set that was skipped
 * @param error why it failed; absent when it did not
 * @param report the figures; absent until it succeeded
 * @param markdown the figures as a Markdown table; absent until it succeeded
 */
record EvaluationView(
        String object,
        String id,
        String state,
        int questions,
        @JsonProperty("skipped_lines") List<String> skippedLines,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) EvaluationReport report,
        @JsonInclude(JsonInclude.Include.NON_NULL) String markdown) {}
