package io.coerouter.router.jobs.web;

import io.coerouter.router.batch.BatchJob;
import io.coerouter.router.batch.Batches;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.jobs.JobState;
import io.coerouter.router.jobs.JobStore;
import io.coerouter.router.jobs.Jobs;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/jobs}: every long-running job of every replica in one list, newest first: profiling, evaluations,
 * aggregator selections and batches, each with its kind, state and progress.
 */
@RestController
class JobsAdminController {

    private final Jobs jobs;
    private final Batches batches;

    JobsAdminController(Jobs jobs, Batches batches) {
        this.jobs = jobs;
        this.batches = batches;
    }

    /** One job in the list; {@code created} (epoch milliseconds) orders it. */
    private record Sorted(long created, JobList.Entry entry) {}

    @Operation(operationId = "listJobs")
    @GetMapping("/admin/jobs")
    JobList list(@RequestParam(name = "limit", defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw RouterException.invalid(
                    "limit", "invalid_value", "limit must be between 1 and 100, but was " + limit + ".");
        }
        List<Sorted> entries = new ArrayList<>();
        for (JobStore.StoredJob job : jobs.list(limit)) {
            entries.add(new Sorted(job.createdAt(), entry(job)));
        }
        for (BatchJob batch : batches.list(null, limit, null)) {
            entries.add(new Sorted(batch.createdAt() * 1000, entry(batch)));
        }
        // Stable: jobs of one second keep each store's newest-first order.
        entries.sort(Comparator.comparingLong(Sorted::created).reversed());
        return JobList.of(entries.stream().limit(limit).map(Sorted::entry).toList());
    }

    private static JobList.Entry entry(JobStore.StoredJob job) {
        JsonNode view = job.view();
        JobList.Progress progress = view.has("done") && view.has("total")
                ? new JobList.Progress(
                        view.path("done").asInt(), view.path("total").asInt())
                : null;
        String state = job.state();
        return JobList.Entry.of(
                job.kind(),
                job.id(),
                state,
                job.createdAt() / 1000,
                state.equals(JobState.RUNNING.shown()) ? job.owner() : null,
                progress,
                view.path("error").asString(null));
    }

    private JobList.Entry entry(BatchJob batch) {
        BatchJob.RequestCounts counts = batch.requestCounts();
        String error = batch.errors() == null || batch.errors().data().isEmpty()
                ? null
                : batch.errors().data().getFirst().message();
        List<JobList.ExpertProgress> experts = batch.progress() == null
                ? List.of()
                : batch.progress().experts().stream()
                        .map(e -> new JobList.ExpertProgress(e.id(), e.calls(), e.done()))
                        .toList();
        return JobList.Entry.of(
                        "batch",
                        batch.id(),
                        batch.status(),
                        batch.createdAt(),
                        batch.finished() ? null : batches.owner(batch.id()).orElse(null),
                        new JobList.Progress(counts.completed() + counts.failed(), counts.total(), experts),
                        error)
                .withFiles(batch.outputFileId(), batch.errorFileId());
    }
}
