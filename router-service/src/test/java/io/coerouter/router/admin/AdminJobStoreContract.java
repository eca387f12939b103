package io.coerouter.router.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What every {@link AdminJobStore} does; each implementation's test runs it. */
abstract class AdminJobStoreContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A fresh, empty store. */
    abstract AdminJobStore store();

    /** Another view of the same store, as a second replica sees it (the same object for an in-memory store). */
    abstract AdminJobStore replica(AdminJobStore store);

    static AdminJobStore.StoredJob job(String id, int done) {
        ObjectNode view = JSON.createObjectNode();
        view.put("object", "coe.profile_job");
        view.put("id", id);
        view.put("state", "running");
        view.put("done", done);
        view.put("total", 10);
        return new AdminJobStore.StoredJob(id, "profiling", 1_000L, "router-a", 5_000L, false, view);
    }

    @Test
    void aStoredJobIsFoundWithItsViewAndAMissingOneIsNot() {
        AdminJobStore store = store();
        AdminJobStore.StoredJob job = job("profile-a", 3);

        store.put(job);

        assertThat(replica(store).find("profile-a")).contains(job);
        assertThat(store.find("profile-b")).isEmpty();
    }

    @Test
    void jobsAreListedNewestFirstAndOnlyTheNewestAreKept() {
        AdminJobStore store = store();
        for (int i = 0; i < AdminJobStore.KEEP + 2; i++) {
            store.put(job("eval-" + i, i));
        }

        assertThat(replica(store).list(3))
                .extracting(AdminJobStore.StoredJob::id)
                .containsExactly(
                        "eval-" + (AdminJobStore.KEEP + 1),
                        "eval-" + AdminJobStore.KEEP,
                        "eval-" + (AdminJobStore.KEEP - 1));
        assertThat(store.list(1000)).hasSize(AdminJobStore.KEEP);
        assertThat(store.find("eval-0")).isEmpty();
        assertThat(store.find("eval-2")).isPresent();
    }

    @Test
    void aCancellationRequestSurvivesTheOwnersNextPublish() {
        AdminJobStore store = store();
        AdminJobStore other = replica(store);
        store.put(job("profile-a", 1));

        other.update("profile-a", AdminJobStore.StoredJob::cancelling);
        AdminJobStore.StoredJob published = store.update(
                        "profile-a", j -> j.published(job("profile-a", 2).view(), 9_000L))
                .orElseThrow();

        assertThat(published.cancelRequested()).isTrue();
        assertThat(published.view().path("done").asInt()).isEqualTo(2);
        assertThat(other.find("profile-a").orElseThrow().leaseUntil()).isEqualTo(9_000L);
        assertThat(store.update("profile-missing", j -> j)).isEmpty();
    }

    @Test
    void aFailedJobKeepsItsProgress() {
        AdminJobStore store = store();
        store.put(job("profile-a", 4));

        store.update("profile-a", j -> j.failed(AdminJobs.STOPPED));

        AdminJobStore.StoredJob failed = replica(store).find("profile-a").orElseThrow();
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.view().path("error").asString()).isEqualTo(AdminJobs.STOPPED);
        assertThat(failed.view().path("done").asInt()).isEqualTo(4);
    }
}
