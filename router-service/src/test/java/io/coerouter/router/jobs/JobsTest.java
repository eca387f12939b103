package io.coerouter.router.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job machinery on one in-memory store, with time in the test's hands: leases, kinds, cancelling, stopping. */
class JobsTest {

    private static final Duration LEASE = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock();
    private final JobStore store = new InMemoryJobStore();
    private final Jobs here = new Jobs(store, JobStoreContract.JSON, clock, LEASE, "router-here");
    private final Jobs there = new Jobs(store, JobStoreContract.JSON, clock, LEASE, "router-there");

    @AfterEach
    void close() {
        here.close();
        there.close();
    }

    /** A job that runs until it is cancelled, showing {@code done} of 10. */
    private static class Running implements Job {
        private final String id;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Running(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Map<String, Object> view() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("object", "coe.profile_job");
            v.put("id", id);
            v.put("state", cancelled.get() ? "cancelled" : "running");
            v.put("done", 3);
            v.put("total", 10);
            return v;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    /** What the web edge maps a profiling job's view to. */
    record Shown(String object, String id, String state, int done, int total, String error) {}

    @Test
    void anAddedJobIsStoredWithItsKindOwnerAndLease() {
        Running job = new Running(here.nextId(JobKind.PROFILING));

        here.add(job);

        JobStore.StoredJob stored = store.find(job.id()).orElseThrow();
        assertThat(job.id()).startsWith("profile-");
        assertThat(stored.kind()).isEqualTo("profiling");
        assertThat(stored.owner()).isEqualTo("router-here");
        assertThat(stored.createdAt()).isEqualTo(clock.millis());
        assertThat(stored.leaseUntil()).isEqualTo(clock.millis() + LEASE.toMillis());
        assertThat(stored.state()).isEqualTo("running");
        assertThat(here.get(job.id(), JobKind.PROFILING)).isSameAs(job);
    }

    @Test
    void eachKindHasItsPrefixAndName() {
        here.add(new Running(here.nextId(JobKind.EVALUATION)));
        here.add(new Running(here.nextId(JobKind.AGGREGATOR_SELECTION)));

        assertThat(here.list(10))
                .extracting(JobStore.StoredJob::kind)
                .containsExactly("aggregator_selection", "evaluation");
    }

    @Test
    void anotherRouterShowsTheJobAsPublishedAndMapsItsView() {
        Running job = new Running(here.nextId(JobKind.PROFILING));
        here.add(job);

        Shown shown = there.view(there.get(job.id(), JobKind.PROFILING), Shown.class);

        assertThat(shown).isEqualTo(new Shown("coe.profile_job", job.id(), "running", 3, 10, null));
    }

    @Test
    void aJobIsShownRunningUntilItsLeaseRunsOutThenFailedWithItsProgressKept() {
        Running job = new Running(here.nextId(JobKind.PROFILING));
        here.add(job);
        here.close(); // marks it failed; put a running view back as a router that died would leave it
        store.put(JobStoreContract.job(job.id(), 6));
        long lease = store.find(job.id()).orElseThrow().leaseUntil();

        clock.advance(Duration.ofMillis(lease - clock.millis()));
        assertThat(there.view(there.get(job.id(), JobKind.PROFILING), Shown.class)
                        .state())
                .isEqualTo("running");

        clock.advance(Duration.ofMillis(1));
        Shown failed = there.view(there.get(job.id(), JobKind.PROFILING), Shown.class);

        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).isEqualTo(Jobs.STOPPED);
        assertThat(failed.done()).isEqualTo(6);
        assertThat(store.find(job.id()).orElseThrow().state()).isEqualTo("failed");
    }

    @Test
    void cancellingOnAnotherRouterAsksTheOwnerToStop() {
        Running job = new Running(here.nextId(JobKind.PROFILING));
        here.add(job);

        there.get(job.id(), JobKind.PROFILING).cancel();

        assertThat(store.find(job.id()).orElseThrow().cancelRequested()).isTrue();
    }

    @Test
    void aRouterClosingStopsItsJobsAndMarksThoseStillRunningFailed() {
        Running stops = new Running(here.nextId(JobKind.PROFILING));
        Running slow = new Running(here.nextId(JobKind.PROFILING)) {
            @Override
            public Map<String, Object> view() {
                Map<String, Object> v = super.view();
                v.put("state", "running"); // still winding down
                return v;
            }
        };
        here.add(stops);
        here.add(slow);

        here.close();

        assertThat(stops.cancelled).isTrue();
        assertThat(slow.cancelled).isTrue();
        JobStore.StoredJob ended = store.find(stops.id()).orElseThrow();
        assertThat(ended.state()).isEqualTo("cancelled");
        JobStore.StoredJob stopped = store.find(slow.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo("failed");
        assertThat(stopped.view().path("error").asString()).isEqualTo(Jobs.STOPPED);
        assertThat(stopped.view().path("done").asInt()).isEqualTo(3);
        assertThat(stopped.leaseUntil()).isEqualTo(clock.millis());
    }

    @Test
    void anUnknownJobOrOneOfAnotherKindIsNotFound() {
        Running job = new Running(here.nextId(JobKind.PROFILING));
        here.add(job);

        Map<String, JobKind> lookups =
                Map.of(job.id(), JobKind.EVALUATION, "profile-missing", JobKind.PROFILING, "x", JobKind.PROFILING);
        for (Map.Entry<String, JobKind> lookup : lookups.entrySet()) {
            assertThatThrownBy(() -> there.get(lookup.getKey(), lookup.getValue()))
                    .isInstanceOfSatisfying(RouterException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                        assertThat(e.code()).isEqualTo("not_found");
                        assertThat(e.param()).isEqualTo("id");
                    });
        }
    }
}
