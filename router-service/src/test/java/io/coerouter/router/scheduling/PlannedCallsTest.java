package io.coerouter.router.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Planned work (a batch file's calls), marked per call: through an expert's planned handle or a planned listener, it
 * loads its model at once, while the same call unplanned waits for the load delay to gather company.
 */
class PlannedCallsTest {

    private final ExpertScheduler scheduler = new ExpertScheduler(
            new SchedulerConfig(
                    Duration.ofSeconds(30),
                    4,
                    Duration.ZERO,
                    100,
                    SchedulingPolicy.swapAware(),
                    Duration.ofSeconds(20)),
            id -> false,
            SchedulerListener.NONE);

    @AfterEach
    void close() {
        scheduler.close();
        ExpertSchedulerTest.RUN.clear();
    }

    @Test
    void aCallThroughThePlannedHandleRunsAtOnce() throws Exception {
        Expert a = scheduler.schedule(ExpertSchedulerTest.model("a"));

        ExpertResponse answer = CompletableFuture.supplyAsync(
                        () -> ExpertScheduler.planned(a).chat(ExpertRequest.of("hi")))
                .get(5, TimeUnit.SECONDS);

        assertThat(answer.text()).isEqualTo("hi");
    }

    @Test
    void aCallWithAPlannedListenerRunsAtOnce() throws Exception {
        Expert a = scheduler.schedule(ExpertSchedulerTest.model("a"));

        ExpertResponse answer = CompletableFuture.supplyAsync(
                        () -> a.chat(ExpertRequest.of("hi"), ExpertScheduler.plannedTokens(TokenListener.NONE)))
                .get(5, TimeUnit.SECONDS);

        assertThat(answer.text()).isEqualTo("hi");
    }

    @Test
    void theSameCallUnplannedWaitsForTheLoadDelay() throws Exception {
        Expert a = scheduler.schedule(ExpertSchedulerTest.model("a"));

        CompletableFuture<ExpertResponse> answer = CompletableFuture.supplyAsync(() -> a.chat(ExpertRequest.of("hi")));
        Thread.sleep(500);

        assertThat(answer).isNotDone();
        assertThat(scheduler.queued("a")).isEqualTo(1);
    }

    @Test
    void anExpertTheSchedulerDoesNotBatchIsItsOwnPlannedHandle() {
        Expert remote = ExpertSchedulerTest.model("remote");
        Expert scheduled = scheduler.schedule(remote);

        assertThat(ExpertScheduler.planned(remote)).isSameAs(remote);
        Expert planned = ExpertScheduler.planned(scheduled);
        assertThat(planned).isNotSameAs(scheduled);
        assertThat(ExpertScheduler.planned(planned)).isSameAs(planned);
        assertThat(planned.id()).isEqualTo("remote");
    }
}
