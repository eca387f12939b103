package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A profiling job as {@code /admin/profiles/jobs} shows it.
 *
 * @param state {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param skippedLines one message per line of the evaluation set that was skipped
 * @param startedAt when it started (ISO-8601)
 * @param error why it failed; absent when it did not
 * @param profileVersion the profile version it saved; absent until it did
 */
record ProfileJobView(
        String object,
        String id,
        String state,
        int done,
        int total,
        List<ExpertProgress> experts,
        @JsonProperty("skipped_lines") List<String> skippedLines,
        @JsonProperty("started_at") String startedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("profile_version") Integer profileVersion) {

    /** One expert's share of the questions. */
    record ExpertProgress(String id, int done, int total, int failed) {}
}
