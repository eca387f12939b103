package io.coerouter.router.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedCallsTest {

    private ExpertScheduler scheduler;

    @AfterEach
    void close() {
        scheduler.close();
        ExpertSchedulerTest.RUN.clear();
    }

    private List<GroupedCalls.Call> interleaved(List<Expert> experts, int each) {
        List<GroupedCalls.Call> calls = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            for (Expert e : experts) {
                calls.add(new GroupedCalls.Call(e, ExpertRequest.of(e.id() + "-" + i)));
            }
        }
        return calls;
    }

    @Test
    void runsLocalExpertsOneAfterAnotherInFullBatchesResidentFirstAndAnswersInCallOrder() {
        // A long load delay: planned work must not wait for it.
        scheduler = new ExpertScheduler(
                new SchedulerConfig(
                        Duration.ofSeconds(30),
                        4,
                        Duration.ZERO,
                        100,
                        SchedulingPolicy.swapAware(),
                        Duration.ofSeconds(20)),
                id -> id.equals("b"),
                SchedulerListener.NONE);
        Expert a = scheduler.schedule(ExpertSchedulerTest.model("a"));
        Expert b = scheduler.schedule(ExpertSchedulerTest.model("b"));
        List<GroupedCalls.Call> calls = interleaved(List.of(a, b), 6);
        AtomicInteger progress = new AtomicInteger();

        List<ExpertOutcome> outcomes =
                new GroupedCalls(4, id -> id.equals("b")).run(calls, () -> false, (i, o) -> progress.incrementAndGet());

        assertThat(ExpertSchedulerTest.RUN)
                .containsExactly(
                        new ExpertSchedulerTest.Batch("b", 4),
                        new ExpertSchedulerTest.Batch("b", 2),
                        new ExpertSchedulerTest.Batch("a", 4),
                        new ExpertSchedulerTest.Batch("a", 2));
        for (int i = 0; i < calls.size(); i++) {
            assertThat(outcomes.get(i).response().text())
                    .isEqualTo(calls.get(i).request().lastUserText());
        }
        assertThat(progress).hasValue(12);
    }

    @Test
    void onceStoppedNoFurtherBatchStartsAndTheRestEndCancelled() {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(30), 2, Duration.ZERO, 100),
                id -> false,
                SchedulerListener.NONE);
        Expert a = scheduler.schedule(ExpertSchedulerTest.model("a"));
        List<GroupedCalls.Call> calls = interleaved(List.of(a), 6);
        AtomicInteger done = new AtomicInteger();

        // Stop once the first batch has answered.
        List<ExpertOutcome> outcomes =
                new GroupedCalls(2, id -> false).run(calls, () -> done.get() >= 2, (i, o) -> done.incrementAndGet());

        long answered = outcomes.stream().filter(ExpertOutcome::succeeded).count();
        assertThat(answered).isBetween(2L, 4L); // the batch queued behind the first may already be under way
        assertThat(outcomes.stream().filter(o -> !o.succeeded()))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.error().kind()).isEqualTo(ExpertErrorKind.CANCELLED));
        assertThat(done).hasValue(6);
    }
}
