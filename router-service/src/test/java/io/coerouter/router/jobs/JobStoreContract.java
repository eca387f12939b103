package io.coerouter.router.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What every {@link JobStore} does; each implementation's test runs it. */
abstract class JobStoreContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A fresh, empty store. */
    abstract JobStore store();

    /** Another view of the same store, as a second replica sees it (the same object for an in-memory store). */
    abstract JobStore replica(JobStore store);

    static JobStore.StoredJob job(String id, int done) {
        ObjectNode view = JSON.createObjectNode();
        view.put("object", "coe.profile_job");
        view.put("id", id);
        view.put("state", "running");
        view.put("done", done);
        view.put("total", 10);
        return new JobStore.StoredJob(id, "profiling", 1_000L, "router-a", 5_000L, false, view);
    }

    @Test
    void aStoredJobIsFoundWithItsViewAndAMissingOneIsNot() {
        JobStore store = store();
        JobStore.StoredJob job = job("profile-a", 3);

        store.put(job);

        assertThat(replica(store).find("profile-a")).contains(job);
        assertThat(store.find("profile-b")).isEmpty();
    }

    @Test
    void jobsAreListedNewestFirstAndOnlyTheNewestAreKept() {
        JobStore store = store();
        for (int i = 0; i < JobStore.KEEP + 2; i++) {
            store.put(job("eval-" + i, i));
        }

        assertThat(replica(store).list(3))
                .extracting(JobStore.StoredJob::id)
                .containsExactly("eval-" + (JobStore.KEEP + 1), "eval-" + JobStore.KEEP, "eval-" + (JobStore.KEEP - 1));
        assertThat(store.list(1000)).hasSize(JobStore.KEEP);
        assertThat(store.find("eval-0")).isEmpty();
        assertThat(store.find("eval-2")).isPresent();
    }

    @Test
    void aCancellationRequestSurvivesTheOwnersNextPublish() {
        JobStore store = store();
        JobStore other = replica(store);
        store.put(job("profile-a", 1));

        other.update("profile-a", JobStore.StoredJob::cancelling);
        JobStore.StoredJob published = store.update(
                        "profile-a", j -> j.published(job("profile-a", 2).view(), 9_000L))
                .orElseThrow();

        assertThat(published.cancelRequested()).isTrue();
        assertThat(published.view().path("done").asInt()).isEqualTo(2);
        assertThat(other.find("profile-a").orElseThrow().leaseUntil()).isEqualTo(9_000L);
        assertThat(store.update("profile-missing", j -> j)).isEmpty();
    }

    @Test
    void aFailedJobKeepsItsProgress() {
        JobStore store = store();
        store.put(job("profile-a", 4));

        store.update("profile-a", j -> j.failed(Jobs.STOPPED));

        JobStore.StoredJob failed = replica(store).find("profile-a").orElseThrow();
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.view().path("error").asString()).isEqualTo(Jobs.STOPPED);
        assertThat(failed.view().path("done").asInt()).isEqualTo(4);
    }
}
