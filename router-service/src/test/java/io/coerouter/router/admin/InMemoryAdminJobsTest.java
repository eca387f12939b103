package io.coerouter.router.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
class InMemoryAdminJobsTest {

    @Nested
    class Store extends AdminJobStoreContract {
        @Override
        AdminJobStore store() {
            return new InMemoryAdminJobStore();
        }

        @Override
        AdminJobStore replica(AdminJobStore store) {
            return store;
        }
    }

    @Nested
    class Replicas {

        private final AdminJobStore store = new InMemoryAdminJobStore();
        private final AdminJobs first = jobs();
        private final AdminJobs second = jobs();

        private AdminJobs jobs() {
            return new AdminJobs(
                    store,
                    AdminJobStoreContract.JSON,
                    Clock.systemUTC(),
                    Duration.ofMillis(600),
                    io.coerouter.router.chat.Ids.next("router-", 16));
        }

        @AfterEach
        void close() {
            first.close();
            second.close();
        }

        /** A job on {@code jobs} that runs until it is cancelled. */
        private static AdminJob endless(AdminJobs jobs) {
            Map<String, Object> fixed = new LinkedHashMap<>();
            fixed.put("object", "coe.evaluation");
            fixed.put("questions", 7);
            return BackgroundJob.<String>start(
                    jobs,
                    jobs.nextId("eval"),
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
            AdminJob job = endless(first);

            Map<String, Object> seen = second.get(job.id(), "eval").view();
            assertThat(seen).containsEntry("state", "running").containsEntry("questions", 7);
            second.get(job.id(), "eval").cancel();

            await(job::view, "cancelled");
            await(() -> second.get(job.id(), "eval").view(), "cancelled");
        }

        @Test
        void aRunningJobWhoseRouterStopsIsShownFailedElsewhereWithWhatItShowed() {
            AdminJob job = endless(first);

            first.close();

            Map<String, Object> failed = second.get(job.id(), "eval").view();
            assertThat(failed)
                    .containsEntry("state", "failed")
                    .containsEntry("error", AdminJobs.STOPPED)
                    .containsEntry("questions", 7);
        }

        @Test
        void aRunningJobWhoseLeaseRanOutIsMarkedFailedWithItsProgressKept() {
            // What a router that died leaves behind: a running view nobody renews.
            AdminJobStore.StoredJob orphan = AdminJobStoreContract.job("profile-orphan", 6);
            store.put(orphan);

            Map<String, Object> shown = second.get("profile-orphan", "profile").view();

            assertThat(shown)
                    .containsEntry("state", "failed")
                    .containsEntry("error", AdminJobs.STOPPED)
                    .containsEntry("done", 6);
            assertThat(store.find("profile-orphan").orElseThrow().state()).isEqualTo("failed");
            assertThat(first.list(10))
                    .extracting(AdminJobStore.StoredJob::state)
                    .containsExactly("failed");
        }

        @Test
        void aJobOfAnotherKindIsNotFoundUnderThisOne() {
            AdminJob job = endless(first);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.get(job.id(), "profile"))
                    .hasMessageContaining("No job");
            job.cancel();
        }
    }
}
