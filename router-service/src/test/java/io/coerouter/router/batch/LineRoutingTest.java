package io.coerouter.router.batch;

import static io.coerouter.router.batch.BatchFixtures.file;
import static io.coerouter.router.batch.BatchFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.testing.ManualClock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A batch's routing stage: a plan per line, every other line accounted for in the error file. */
class LineRoutingTest {

    private final ManualClock clock = new ManualClock();
    private final BatchStore store = BatchStore.inMemory(clock);
    private final BatchFixtures.EchoRouter router = new BatchFixtures.EchoRouter();
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicBoolean halted = new AtomicBoolean();

    private BatchStop stop() {
        return new BatchStop(
                cancel, halted::get, BatchKey.none(), clock, clock.instant().getEpochSecond() + 60);
    }

    private BatchLines lines(String input) {
        BatchFixtures.saved(store, "batch_r", "file-in", clock);
        return BatchFixtures.lines("batch_r", BatchFixtures.read(input), store, clock);
    }

    @Test
    void eachGoodLineIsPlannedAndABadOrRefusedOneGoesToTheErrorFileKeptInTheStore() {
        BatchLines run = lines(
                file(line("a", "echo", "one"), "{not json", line("c", "refused", "three"), line("d", "twice", "four")));

        RoutingPlan[] plans = new LineRouting(router)
                .route(run, store.lines("batch_r"), stop())
                .orElseThrow();

        assertThat(plans[0].calls()).hasSize(1);
        assertThat(plans[1]).isNull();
        assertThat(plans[2]).isNull();
        assertThat(plans[3].calls()).hasSize(2);
        assertThat(run.errors())
                .containsExactly(null, "failed null invalid_json line 2", "failed c model_not_found", null);
        assertThat(store.lines("batch_r").errors()).containsOnlyKeys(1, 2);
        assertThat(run.failed()).isEqualTo(2);
    }

    @Test
    void aLineFinishedBeforeIsKeptAsItIsAndNotPlannedAgain() {
        BatchLines run = lines(file(line("a", "echo", "one"), line("b", "echo", "two")));

        RoutingPlan[] plans = new LineRouting(router)
                .route(run, new BatchStore.FinishedLines(Map.of(0, "ok a before"), Map.of()), stop())
                .orElseThrow();

        assertThat(plans[0]).isNull();
        assertThat(plans[1]).isNotNull();
        assertThat(run.output()[0]).isEqualTo("ok a before");
        assertThat(run.completed()).isEqualTo(1);
        assertThat(router.planned).hasValue(1);
    }

    @Test
    void onceTheBatchIsCancelledTheRemainingLinesAreNotRun() {
        BatchLines run = lines(file(line("a", "echo", "one"), line("b", "echo", "two")));
        cancel.set(true);

        RoutingPlan[] plans = new LineRouting(router)
                .route(run, store.lines("batch_r"), stop())
                .orElseThrow();

        assertThat(plans).containsOnlyNulls();
        assertThat(run.errors())
                .containsExactly("not-run a batch_cancelled line 1", "not-run b batch_cancelled line 2");
        assertThat(router.planned).hasValue(0);
    }

    @Test
    void anExpiredBatchsRemainingLinesAreNotRunAsExpired() {
        BatchLines run = lines(file(line("a", "echo", "one")));
        BatchStop stop = stop();
        clock.advance(java.time.Duration.ofMinutes(2));

        new LineRouting(router).route(run, store.lines("batch_r"), stop).orElseThrow();

        assertThat(run.errors()).containsExactly("not-run a batch_expired line 1");
    }

    @Test
    void aHaltedBatchIsLeftWhereItIs() {
        BatchLines run = new BatchLines(
                "batch_r",
                BatchFixtures.read(file(line("a", "echo", "one"))),
                store,
                BatchFixtures.FORMAT,
                clock,
                halted::get,
                BatchKey.none());
        halted.set(true);

        assertThat(new LineRouting(router).route(run, store.lines("batch_r"), stop()))
                .isEmpty();
        assertThat(store.lines("batch_r").size()).isZero();
        assertThat(run.errors()).containsOnlyNulls();
    }
}
