package io.coerouter.router.batch;

import static io.coerouter.router.batch.BatchFixtures.file;
import static io.coerouter.router.batch.BatchFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.testing.ManualClock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Each line's answer from its calls' outcomes, into the output or the error file. */
class LineAnswersTest {

    private final ManualClock clock = new ManualClock();
    private final BatchStore store = BatchStore.inMemory(clock);
    private final BatchFixtures.EchoRouter router = new BatchFixtures.EchoRouter();
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicBoolean halted = new AtomicBoolean();
    private final BatchStop stop = new BatchStop(cancel, halted::get, BatchKey.none(), clock, Long.MAX_VALUE);
    private final LineAnswers answers = new LineAnswers(router, 2, io.coerouter.router.usage.UsageSink.NONE, clock);

    private BatchLines run;
    private RoutingPlan[] plans;

    private void route(String... lines) {
        BatchFixtures.saved(store, "batch_l", "file-in", clock);
        run = new BatchLines(
                "batch_l",
                BatchFixtures.read(file(lines)),
                store,
                BatchFixtures.FORMAT,
                clock,
                halted::get,
                BatchKey.none());
        plans = new LineRouting(router).route(run, store.lines("batch_l"), stop).orElseThrow();
    }

    private static ExpertOutcome answered(String text) {
        return ExpertOutcome.of(ExpertResponse.of("echo", text, FinishReason.STOP, new TokenUsage(1, 1)));
    }

    private static ExpertOutcome failed(ExpertErrorKind kind) {
        return ExpertOutcome.of(ExpertException.of("echo", kind, "it failed", null));
    }

    @Test
    void anAnsweredLineGoesToTheOutputFileAndIsKeptInTheStore() {
        route(line("a", "echo", "one"));

        answers.finish(run, 0, plans[0], new ExpertOutcome[] {answered("one")}, stop);

        assertThat(run.output()[0]).isEqualTo("ok a one @" + clock.instant().getEpochSecond());
        assertThat(store.lines("batch_l").output()).containsEntry(0, run.output()[0]);
        assertThat(run.completed()).isEqualTo(1);
    }

    @Test
    void aLineNoExpertAnsweredGoesToTheErrorFile() {
        route(line("a", "echo", "one"));

        answers.finish(run, 0, plans[0], new ExpertOutcome[] {failed(ExpertErrorKind.UNAVAILABLE)}, stop);

        assertThat(run.errors()[0]).startsWith("failed a ");
        assertThat(run.failed()).isEqualTo(1);
    }

    @Test
    void aLineWhoseCallWasCutShortByACancelIsNotRunAndAHaltedOneIsLeftAlone() {
        route(line("a", "echo", "one"), line("b", "echo", "two"));
        cancel.set(true);

        answers.finish(run, 0, plans[0], new ExpertOutcome[] {failed(ExpertErrorKind.CANCELLED)}, stop);
        halted.set(true);
        answers.finish(run, 1, plans[1], new ExpertOutcome[] {failed(ExpertErrorKind.CANCELLED)}, stop);

        assertThat(run.errors()).containsExactly("not-run a batch_cancelled line 1", null);
        assertThat(store.lines("batch_l").size()).isEqualTo(1);
    }

    @Test
    void linesWithSeveralAnswersAreAggregatedAndSingleOnesLeftToTheirCalls() {
        route(line("a", "twice", "one"), line("b", "echo", "two"), line("c", "twice", "three"));
        ExpertOutcome[][] outcomes = {
            {answered("one"), answered("one")},
            {answered("two")},
            {failed(ExpertErrorKind.UNAVAILABLE), answered("three")}
        };

        answers.aggregate(run, plans, outcomes, stop);

        long now = clock.instant().getEpochSecond();
        assertThat(run.output()).containsExactly("ok a one x2 @" + now, null, "ok c three x2 @" + now);
    }

    @Test
    void aLineThatFailedUnexpectedlyIsStillReportedToUsageAsAnInternalErrorWithoutLatency() {
        java.util.List<io.coerouter.router.usage.CompletedRequest> reported = new java.util.ArrayList<>();
        BatchRouter broken = new BatchRouter() {
            @Override
            public RoutingPlan plan(io.coerouter.router.chat.ChatCompletionRequest request) {
                return router.plan(request);
            }

            @Override
            public io.coerouter.router.routing.RoutedAnswer answer(
                    RoutingPlan plan, java.util.List<io.coerouter.aggregate.Candidate> candidates) {
                throw new IllegalStateException("a bug");
            }
        };
        LineAnswers reporting = new LineAnswers(broken, 2, reported::add, clock);
        route(line("a", "echo", "one"));

        reporting.finish(run, 0, plans[0], new ExpertOutcome[] {answered("one")}, stop);

        assertThat(run.failed()).isEqualTo(1);
        assertThat(reported).singleElement().satisfies(r -> {
            assertThat(r.errorKind()).isEqualTo(io.coerouter.router.error.ErrorKind.INTERNAL);
            assertThat(r.timed())
                    .as("a batch line's time includes its queueing")
                    .isFalse();
        });
    }
}
