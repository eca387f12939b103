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

    /** A decorator of the host's own (as the expert registry wraps every expert it serves). */
    private static final class Wrapper extends io.coerouter.expert.ForwardingExpert {
        Wrapper(Expert delegate) {
            super(delegate);
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            return delegate().doChat(request, tokens);
        }

        @Override
        public java.util.List<io.coerouter.expert.ExpertOutcome> doChatBatch(
                java.util.List<ExpertRequest> requests, java.util.List<TokenListener> listeners) {
            return delegate().doChatBatch(requests, listeners);
        }
    }

    @Test
    void aScheduledExpertUnderAnotherDecoratorIsStillBatchedAndItsPlannedHandleRunsAtOnce() throws Exception {
        Expert wrapped = new Wrapper(scheduler.schedule(ExpertSchedulerTest.model("a")));

        assertThat(ExpertScheduler.batches(wrapped)).isTrue();
        assertThat(ExpertScheduler.batches(ExpertSchedulerTest.model("remote"))).isFalse();
        Expert planned = ExpertScheduler.planned(wrapped);
        assertThat(planned).isNotSameAs(wrapped);
        assertThat(ExpertScheduler.planned(planned)).isSameAs(planned);
        ExpertResponse answer = CompletableFuture.supplyAsync(() -> planned.chat(ExpertRequest.of("hi")))
                .get(5, TimeUnit.SECONDS);
        assertThat(answer.text()).isEqualTo("hi");

        Expert other = new Wrapper(scheduler.schedule(ExpertSchedulerTest.model("b")));
        CompletableFuture<ExpertResponse> unplanned =
                CompletableFuture.supplyAsync(() -> other.chat(ExpertRequest.of("hi")));
        Thread.sleep(500);
        assertThat(unplanned)
                .as("the same call unplanned still waits for the load delay")
                .isNotDone();
    }
}
