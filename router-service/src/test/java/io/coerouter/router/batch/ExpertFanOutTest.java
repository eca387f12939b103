package io.coerouter.router.batch;

import static io.coerouter.router.batch.BatchFixtures.file;
import static io.coerouter.router.batch.BatchFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ExpertOutcome;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.scheduling.GroupedCalls;
import io.coerouter.router.testing.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A batch's expert stage: every line's calls made together, each line handed on when its calls are done. */
class ExpertFanOutTest {

    private final ManualClock clock = new ManualClock();
    private final BatchStore store = BatchStore.inMemory(clock);

    @Test
    void everyCallIsMadeEachLineIsHandedOnOnceAndTheProgressIsPublished() {
        BatchFixtures.saved(store, "batch_f", "file-in", clock);
        BatchLines run = BatchFixtures.lines(
                "batch_f",
                BatchFixtures.read(file(line("a", "echo", "one"), line("b", "twice", "two"), "{bad")),
                store,
                clock);
        BatchStop stop = new BatchStop(new AtomicBoolean(), () -> false, BatchKey.none(), clock, Long.MAX_VALUE);
        RoutingPlan[] plans = new LineRouting(new BatchFixtures.EchoRouter())
                .route(run, store.lines("batch_f"), stop)
                .orElseThrow();
        Map<Integer, Integer> handedOn = new ConcurrentHashMap<>();

        ExpertOutcome[][] outcomes = new ExpertFanOut(new GroupedCalls(4, id -> false))
                .run(run, plans, stop, (line, plan, calls) -> handedOn.merge(line, calls.length, Integer::sum));

        assertThat(handedOn).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1, 1, 2));
        assertThat(outcomes[0][0].response().text()).isEqualTo("one");
        assertThat(outcomes[1]).extracting(o -> o.response().text()).containsExactly("two", "two");
        assertThat(outcomes[2]).isNull();

        run.publish(true);
        BatchJob.Progress progress = store.find("batch_f").orElseThrow().progress();
        assertThat(progress.stage()).isEqualTo("experts");
        assertThat(progress.calls()).isEqualTo(3);
        assertThat(progress.callsDone()).isEqualTo(3);
        assertThat(progress.experts()).containsExactly(new BatchJob.ExpertProgress("echo", 3, 3));
    }

    @Test
    void aStoppedBatchsCallsEndCancelled() {
        BatchFixtures.saved(store, "batch_f", "file-in", clock);
        BatchLines run =
                BatchFixtures.lines("batch_f", BatchFixtures.read(file(line("a", "echo", "one"))), store, clock);
        AtomicBoolean cancel = new AtomicBoolean();
        BatchStop stop = new BatchStop(cancel, () -> false, BatchKey.none(), clock, Long.MAX_VALUE);
        RoutingPlan[] plans = new LineRouting(new BatchFixtures.EchoRouter())
                .route(run, store.lines("batch_f"), stop)
                .orElseThrow();
        cancel.set(true);

        ExpertOutcome[][] outcomes =
                new ExpertFanOut(new GroupedCalls(4, id -> false)).run(run, plans, stop, (line, plan, calls) -> {});

        assertThat(List.of(outcomes[0]))
                .allSatisfy(o -> assertThat(o.succeeded()).isFalse());
    }
}
