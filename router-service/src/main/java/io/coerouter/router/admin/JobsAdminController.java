package io.coerouter.router.admin;

import io.coerouter.router.batch.BatchJob;
import io.coerouter.router.batch.Batches;
import io.coerouter.router.error.RouterException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final AdminJobs jobs;
    private final Batches batches;

    JobsAdminController(AdminContext admin, Batches batches) {
        this.jobs = admin.jobs();
        this.batches = batches;
    }

    /** One job in the list; {@code created} (epoch milliseconds) orders it. */
    private record Entry(long created, Map<String, Object> view) {}

    @Operation(operationId = "listJobs")
    @GetMapping("/admin/jobs")
    Map<String, Object> list(@RequestParam(name = "limit", defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw RouterException.invalid(
                    "limit", "invalid_value", "limit must be between 1 and 100, but was " + limit + ".");
        }
        List<Entry> entries = new ArrayList<>();
        for (AdminJobStore.StoredJob job : jobs.list(limit)) {
            JsonNode view = job.view();
            Map<String, Object> progress = null;
            if (view.has("done") && view.has("total")) {
                progress = Map.of(
                        "done",
                        view.path("done").asInt(),
                        "total",
                        view.path("total").asInt());
            }
            entries.add(new Entry(
                    job.createdAt(),
                    entry(
                            job.kind(),
                            job.id(),
                            job.state(),
                            job.createdAt() / 1000,
                            progress,
                            view.path("error").asString(null))));
        }
        for (BatchJob batch : batches.list(null, limit, null)) {
            BatchJob.RequestCounts counts = batch.requestCounts();
            String error = batch.errors() == null || batch.errors().data().isEmpty()
                    ? null
                    : batch.errors().data().getFirst().message();
            entries.add(new Entry(
                    batch.createdAt() * 1000,
                    entry(
                            "batch",
                            batch.id(),
                            batch.status(),
                            batch.createdAt(),
                            Map.of("done", counts.completed() + counts.failed(), "total", counts.total()),
                            error)));
        }
        // Stable: jobs of one second keep each store's newest-first order.
        entries.sort(Comparator.comparingLong(Entry::created).reversed());
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", entries.stream().limit(limit).map(Entry::view).toList());
        return list;
    }

    private static Map<String, Object> entry(
            String kind, String id, String state, long createdAt, Map<String, Object> progress, String error) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.job");
        v.put("kind", kind);
        v.put("id", id);
        v.put("state", state);
        v.put("created_at", createdAt);
        v.put("progress", progress);
        if (error != null) {
            v.put("error", error);
        }
        return v;
    }
}
