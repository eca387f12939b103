package io.coerouter.router.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** A job that runs one piece of work on a virtual thread and shows its state, then its result. */
public final class BackgroundJob<T> implements Job {

    private final String id;
    private final Map<String, Object> fixed;
    private final Function<T, Map<String, Object>> resultView;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<JobState> state = new AtomicReference<>(JobState.RUNNING);
    private final AtomicReference<T> result = new AtomicReference<>();
    private final AtomicReference<String> error = new AtomicReference<>();

    private BackgroundJob(String id, Map<String, Object> fixed, Function<T, Map<String, Object>> resultView) {
        this.id = id;
        this.fixed = fixed;
        this.resultView = resultView;
    }

    /**
     * Starts {@code work} (which may poll the cancellation flag it is given) and registers the job.
     *
     * @param fixed fields shown from the start, {@code object} first
     * @param resultView the fields shown once the work succeeded
     */
    public static <T> BackgroundJob<T> start(
            Jobs jobs,
            String id,
            Map<String, Object> fixed,
            Function<BooleanSupplier, T> work,
            Function<T, Map<String, Object>> resultView) {
        BackgroundJob<T> job = new BackgroundJob<>(id, fixed, resultView);
        jobs.add(job);
        Thread.ofVirtual().name("coe-" + id).start(() -> {
            try {
                job.result.set(work.apply(job.cancelled::get));
                job.state.set(JobState.SUCCEEDED);
            } catch (CancellationException e) {
                job.state.set(JobState.CANCELLED);
            } catch (RuntimeException e) {
                job.error.set(e.getMessage());
                job.state.set(JobState.FAILED);
            }
        });
        return job;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", fixed.get("object"));
        v.put("id", id);
        v.put("state", state.get().shown());
        fixed.forEach((k, value) -> {
            if (!k.equals("object")) {
                v.put(k, value);
            }
        });
        if (error.get() != null) {
            v.put("error", error.get());
        }
        if (result.get() != null) {
            v.putAll(resultView.apply(result.get()));
        }
        return v;
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }
}
