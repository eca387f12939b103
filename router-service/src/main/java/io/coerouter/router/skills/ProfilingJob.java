package io.coerouter.router.skills;

import io.coerouter.router.jobs.Job;
import io.coerouter.skills.profile.ProfileJob;
import io.coerouter.skills.profile.ProfileStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A profiling job: the experts answer a labelled set, and when they are done their profiles are saved as the next
 * version of the profile store, which routing uses at once. Its view shows the progress of each expert.
 */
public final class ProfilingJob implements Job {

    private final String id;
    private final ProfileJob job;
    private final List<String> skippedLines;
    private final AtomicReference<Integer> saved = new AtomicReference<>();

    private ProfilingJob(String id, ProfileJob job, List<String> skippedLines) {
        this.id = id;
        this.job = job;
        this.skippedLines = List.copyOf(skippedLines);
    }

    /**
     * Starts profiling {@code spec} as job {@code id}, on virtual threads.
     *
     * @param skippedLines the lines of the set that were skipped, shown with the job
     * @param store where its profiles are saved when it succeeds
     */
    public static ProfilingJob start(
            String id, ProfileJob.Spec spec, List<String> skippedLines, ProfileStore store, Clock clock) {
        ProfilingJob profiling = new ProfilingJob(
                id, ProfileJob.start(spec, Executors.newVirtualThreadPerTaskExecutor(), clock), skippedLines);
        profiling
                .job
                .result()
                .thenAccept(result -> profiling.saved.set(store.save(result).version()));
        return profiling;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> view() {
        ProfileJob.Progress p = job.progress();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.profile_job");
        v.put("id", id);
        v.put("state", p.state().name().toLowerCase(Locale.ROOT));
        v.put("done", p.done());
        v.put("total", p.total());
        v.put("experts", p.experts().stream().map(ProfilingJob::expert).toList());
        v.put("skipped_lines", skippedLines);
        v.put("started_at", p.startedAt().toString());
        if (p.error() != null) {
            v.put("error", p.error());
        }
        if (saved.get() != null) {
            v.put("profile_version", saved.get());
        }
        return v;
    }

    private static Map<String, Object> expert(ProfileJob.ExpertProgress e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.expertId());
        v.put("done", e.done());
        v.put("total", e.total());
        v.put("failed", e.failed());
        return v;
    }

    @Override
    public void cancel() {
        job.cancel();
    }
}
