package io.coerouter.router.jobs;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs of every replica. Jobs run where they were started; their router publishes each one's view to the
 * {@link JobStore} as it progresses (at most once a second, and once more when it ends), renewing its lease, and
 * stops a job another replica asked to cancel. Any replica shows any job: its own live, the others' as last published.
 * A job still {@code running} past its lease lost its router (it died, or was cut off): it is shown, and stored, as
 * {@code failed} with {@link #STOPPED}, its last progress kept. A router shutting down marks its running jobs so at once.
 */
public final class Jobs implements AutoCloseable {

    /** The error of a job whose router stopped while it ran. */
    static final String STOPPED = "the router running this job stopped";

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration lease;
    private final String owner;
    /** The jobs running here, until their end is published. */
    private final Map<String, Job> local = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timer;

    /** @param owner this router's replica id, the owner of the jobs it runs */
    Jobs(JobStore store, JsonMapper json, Clock clock, Duration lease, String owner) {
        this.owner = owner;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.lease = lease;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("coe-admin-jobs").factory());
        long every = Math.min(1000, Math.max(100, lease.toMillis() / 3));
        timer.scheduleWithFixedDelay(this::publishAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new job id: the prefix of {@code kind}, a dash and random characters, unique across replicas. */
    public String nextId(JobKind kind) {
        return Ids.next(kind.prefix() + "-", 16);
    }

    /** Registers a job that has started here, and publishes its first view. */
    public void add(Job job) {
        String prefix = job.id().substring(0, job.id().indexOf('-'));
        long now = clock.millis();
        local.put(job.id(), job);
        store.put(new JobStore.StoredJob(
                job.id(),
                JobKind.shownOf(prefix),
                now,
                owner,
                now + lease.toMillis(),
                false,
                json.valueToTree(job.view())));
    }

    /**
     * Job {@code id} of {@code kind}: live when it runs here, else as its router last published it.
     *
     * @throws RouterException 404 when there is none
     */
    public Job get(String id, JobKind kind) {
        if (!id.startsWith(kind.prefix() + "-")) {
            throw notFound(id);
        }
        Job mine = local.get(id);
        if (mine != null) {
            return mine;
        }
        JobStore.StoredJob stored = store.find(id).map(this::checked).orElseThrow(() -> notFound(id));
        return new Remote(stored);
    }

    /** The view of {@code job} as {@code type}: a web edge's record of the fields that kind of job shows. */
    public <V> V view(Job job, Class<V> type) {
        return json.convertValue(job.view(), type);
    }

    /** Up to {@code limit} jobs of every replica, newest first. */
    public List<JobStore.StoredJob> list(int limit) {
        return store.list(limit).stream().map(this::checked).toList();
    }

    /** The job, marked failed when it is still running past its lease. */
    private JobStore.StoredJob checked(JobStore.StoredJob job) {
        if (!orphaned(job, clock.millis()) || local.containsKey(job.id())) {
            return job;
        }
        log.warn("admin job {}: its router {} stopped renewing its lease; marked failed", job.id(), job.owner());
        return store.update(job.id(), j -> orphaned(j, clock.millis()) ? j.failed(STOPPED) : j)
                .orElse(job);
    }

    private static boolean orphaned(JobStore.StoredJob job, long now) {
        return job.state().equals(JobState.RUNNING.shown()) && job.leaseUntil() < now;
    }

    /** Publishes the view of every job running here; passes on cancellation requests; forgets the ended ones. */
    private void publishAll() {
        for (Job job : local.values()) {
            try {
                publish(job);
            } catch (RuntimeException e) {
                // Redis down or slow: published next time; the lease outlasts a few misses.
                log.warn("admin job {}: progress not published: {}", job.id(), e.getMessage());
            }
        }
    }

    private void publish(Job job) {
        Map<String, Object> view = job.view();
        JsonNode tree = json.valueToTree(view);
        long until = clock.millis() + lease.toMillis();
        JsonNode[] before = new JsonNode[1];
        Optional<JobStore.StoredJob> stored = store.update(job.id(), j -> {
            before[0] = j.view();
            return j.published(tree, until);
        });
        if (stored.isEmpty() || (!JobState.RUNNING.shown().equals(view.get("state")) && tree.equals(before[0]))) {
            // Ended, and its view published unchanged twice: final (a result may land just after the state changes).
            local.remove(job.id());
        } else if (stored.get().cancelRequested()) {
            job.cancel();
        }
    }

    /** Stops publishing. Jobs still running here are stopped and shown failed with {@link #STOPPED}. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Job job : local.values()) {
            job.cancel();
            try {
                JsonNode tree = json.valueToTree(job.view());
                store.update(job.id(), j -> {
                    JobStore.StoredJob last = j.published(tree, clock.millis());
                    return last.state().equals(JobState.RUNNING.shown()) ? last.failed(STOPPED) : last;
                });
            } catch (RuntimeException e) {
                log.warn("admin job {}: not marked stopped ({}); its lease runs out instead", job.id(), e.getMessage());
            }
        }
        local.clear();
    }

    private static RouterException notFound(String id) {
        return new RouterException(ErrorKind.NOT_FOUND, "No job '" + JsonBodies.echo(id) + "'.", "id", "not_found");
    }

    /** A job running on another replica, as last published; cancelling it asks its router to stop it. */
    private final class Remote implements Job {

        private JobStore.StoredJob stored;

        Remote(JobStore.StoredJob stored) {
            this.stored = stored;
        }

        @Override
        public String id() {
            return stored.id();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> view() {
            return json.convertValue(stored.view(), Map.class);
        }

        @Override
        public void cancel() {
            if (stored.state().equals(JobState.RUNNING.shown())) {
                stored = store.update(stored.id(), JobStore.StoredJob::cancelling)
                        .orElse(stored);
            }
        }
    }
}
