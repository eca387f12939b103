package io.coerouter.router.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The in-memory admin job store passes its contract; admin jobs of several routers share one store. */
class InMemoryJobsTest {

    @Nested
    class Store extends JobStoreContract {
        @Override
        JobStore store() {
            return new InMemoryJobStore();
        }

        @Override
        JobStore replica(JobStore store) {
            return store;
        }
    }

    @Nested
    class Replicas {

        private final JobStore store = new InMemoryJobStore();
        private final Jobs first = jobs();
        private final Jobs second = jobs();

        private Jobs jobs() {
            return new Jobs(
                    store, JobStoreContract.JSON, Clock.systemUTC(), Duration.ofMillis(600), Ids.next("router-", 16));
        }

        @AfterEach
        void close() {
            first.close();
            second.close();
        }

        /** A job on {@code jobs} that runs until it is cancelled. */
        private static Job endless(Jobs jobs) {
            Map<String, Object> fixed = new LinkedHashMap<>();
            fixed.put("object", "coe.evaluation");
            fixed.put("questions", 7);
            return BackgroundJob.<String>start(
                    jobs,
                    jobs.nextId(JobKind.EVALUATION),
                    fixed,
                    cancelled -> {
                        while (!cancelled.getAsBoolean()) {
                            sleep();
                        }
                        throw new CancellationException();
                    },
                    r -> Map.of("result", r));
        }

        private static void sleep() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Map<String, Object> await(Supplier<Map<String, Object>> view, String state) {
            for (int i = 0; i < 1000; i++) {
                Map<String, Object> v = view.get();
                if (state.equals(v.get("state"))) {
                    return v;
                }
                sleep();
            }
            throw new AssertionError("never " + state + ": " + view.get());
        }

        @Test
        void aJobIsShownOnAnotherRouterAndCancelledFromThere() {
            Job job = endless(first);

            Map<String, Object> seen = second.get(job.id(), JobKind.EVALUATION).view();
            assertThat(seen).containsEntry("state", "running").containsEntry("questions", 7);
            second.get(job.id(), JobKind.EVALUATION).cancel();

            await(job::view, "cancelled");
            await(() -> second.get(job.id(), JobKind.EVALUATION).view(), "cancelled");
        }

        @Test
        void aRunningJobWhoseRouterStopsIsShownFailedElsewhereWithWhatItShowed() {
            Job job = endless(first);

            first.close();

            Map<String, Object> failed =
                    second.get(job.id(), JobKind.EVALUATION).view();
            assertThat(failed)
                    .containsEntry("state", "failed")
                    .containsEntry("error", Jobs.STOPPED)
                    .containsEntry("questions", 7);
        }

        @Test
        void aRunningJobWhoseLeaseRanOutIsMarkedFailedWithItsProgressKept() {
            // What a router that died leaves behind: a running view nobody renews.
            JobStore.StoredJob orphan = JobStoreContract.job("profile-orphan", 6);
            store.put(orphan);

            Map<String, Object> shown =
                    second.get("profile-orphan", JobKind.PROFILING).view();

            assertThat(shown)
                    .containsEntry("state", "failed")
                    .containsEntry("error", Jobs.STOPPED)
                    .containsEntry("done", 6);
            assertThat(store.find("profile-orphan").orElseThrow().state()).isEqualTo("failed");
            assertThat(first.list(10)).extracting(JobStore.StoredJob::state).containsExactly("failed");
        }

        @Test
        void aJobOfAnotherKindIsNotFoundUnderThisOne() {
            Job job = endless(first);

            assertThatThrownBy(() -> second.get(job.id(), JobKind.PROFILING)).hasMessageContaining("No job");
            job.cancel();
        }
    }
}
