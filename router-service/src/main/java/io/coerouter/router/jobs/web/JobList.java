package io.coerouter.router.jobs.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /admin/jobs}: every replica's jobs, newest first. */
record JobList(String object, List<Entry> data) {

    static JobList of(List<Entry> data) {
        return new JobList("list", List.copyOf(data));
    }

    /**
     * One job.
     *
     * @param kind {@code profiling}, {@code evaluation}, {@code aggregator_selection} or {@code batch}
     * @param createdAt when it started (epoch seconds)
     * @param owner the replica running it; null when none is (it has ended, or waits for a router)
     * @param progress its progress, null when it shows none
     * @param error why it failed; absent when it did not
     * @param outputFileId a batch's output file (download it from {@code GET /admin/files/{id}/content}); absent
     *     until it has one
     * @param errorFileId a batch's error file; absent unless some of its requests failed
     */
    record Entry(
            String object,
            String kind,
            String id,
            String state,
            @JsonProperty("created_at") long createdAt,
            String owner,
            Progress progress,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("output_file_id") String outputFileId,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("error_file_id") String errorFileId) {

        static Entry of(
                String kind, String id, String state, long createdAt, String owner, Progress progress, String error) {
            return new Entry("coe.job", kind, id, state, createdAt, owner, progress, error, null, null);
        }

        /** This batch entry with its output and error files. */
        Entry withFiles(String output, String errors) {
            return new Entry(object, kind, id, state, createdAt, owner, progress, error, output, errors);
        }
    }

    /**
     * Work done out of the total.
     *
     * @param experts a batch's expert calls per expert, in the order the experts run; absent for other jobs
     */
    record Progress(int done, int total, @JsonInclude(JsonInclude.Include.NON_NULL) List<ExpertProgress> experts) {

        Progress(int done, int total) {
            this(done, total, null);
        }
    }

    /**
     * One expert's share of a batch.
     *
     * @param id the expert
     * @param calls its calls planned for the batch
     * @param done those finished
     */
    record ExpertProgress(String id, int calls, int done) {}
}
