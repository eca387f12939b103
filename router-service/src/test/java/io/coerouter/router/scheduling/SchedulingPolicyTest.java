package io.coerouter.router.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.scheduling.SchedulingPolicy.Pick;
import io.coerouter.router.scheduling.SchedulingPolicy.QueueState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingPolicyTest {

    /** Max wait 1000 ns, batches of 8, and work for unloaded models held up to 500 ns. */
    private static final SchedulerConfig MAX_WAIT = new SchedulerConfig(
            Duration.ofNanos(1_000), 8, Duration.ZERO, 100, SchedulingPolicy.swapAware(), Duration.ofNanos(500));

    private static final long NOW = 10_000;

    /** A queue of {@code size} whose oldest request was queued {@code age} ns ago. */
    private static QueueState q(String id, int size, long age, boolean resident, boolean last) {
        return new QueueState(id, size, NOW - age, resident, last);
    }

    @Test
    void swapAwareStaysOnTheExpertJustRunThenPrefersResidentOnesThenTheLongestQueue() {
        SchedulingPolicy policy = SchedulingPolicy.swapAware();
        QueueState last = q("last", 1, 10, true, true);
        QueueState resident = q("resident", 2, 20, true, false);
        QueueState longest = q("longest", 9, 30, false, false);
        QueueState shorter = q("shorter", 3, 40, false, false);

        assertThat(policy.pick(List.of(shorter, longest, resident, last), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("last"));
        assertThat(policy.pick(List.of(shorter, longest, resident), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("resident"));
        assertThat(policy.pick(List.of(shorter, longest), NOW, MAX_WAIT)).isEqualTo(Pick.all("longest"));
    }

    @Test
    void swapAwareHoldsWorkForUnloadedModelsUntilItFillsABatchOrHasWaitedTheLoadDelay() {
        SchedulingPolicy policy = SchedulingPolicy.swapAware();
        QueueState young = q("young", 3, 100, false, false);
        QueueState younger = q("younger", 1, 50, false, false);

        // Nothing loaded is worth a load yet: wake up when the older one reaches the load delay.
        assertThat(policy.pick(List.of(young, younger), NOW, MAX_WAIT)).isEqualTo(Pick.waitUntil(NOW - 100 + 500));
        assertThat(policy.pick(List.of(young, q("seasoned", 1, 600, false, false)), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("seasoned"));
        assertThat(policy.pick(List.of(young, q("full", 8, 10, false, false)), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("full"));
        // A loaded model's work never waits for company.
        assertThat(policy.pick(List.of(young, q("loaded", 1, 1, true, false)), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("loaded"));
    }

    @Test
    void swapAwareRunsTheOldestOverdueQueueFirstWhateverIsLoaded() {
        SchedulingPolicy policy = SchedulingPolicy.swapAware();
        List<QueueState> queues = List.of(
                q("loaded", 50, 10, true, true),
                q("overdue", 1, 1_500, false, false),
                q("older", 1, 2_000, false, false));

        assertThat(policy.pick(queues, NOW, MAX_WAIT)).isEqualTo(Pick.all("older"));
    }

    @Test
    void fcfsTakesTheOldestRequestsExpertOnlyUpToTheNextOtherExpertsArrival() {
        List<QueueState> queues =
                List.of(q("b", 5, 300, true, true), q("a", 2, 500, false, false), q("c", 1, 100, false, false));

        assertThat(SchedulingPolicy.fcfs().pick(queues, NOW, MAX_WAIT)).isEqualTo(new Pick("a", NOW - 300, 0));
        assertThat(SchedulingPolicy.fcfs().pick(List.of(q("a", 2, 5, false, false)), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("a"));
    }

    @Test
    void groupByModelStaysOnTheLoadedExpertHoweverLongOthersWait() {
        List<QueueState> queues = List.of(q("waiting", 1, 1_000_000, false, false), q("current", 1, 10, true, true));

        assertThat(SchedulingPolicy.groupByModel().pick(queues, NOW, MAX_WAIT)).isEqualTo(Pick.all("current"));
        assertThat(SchedulingPolicy.groupByModel()
                        .pick(List.of(q("newer", 9, 10, true, false), q("older", 1, 20, false, false)), NOW, MAX_WAIT))
                .isEqualTo(Pick.all("older"));
    }

    @Test
    void policiesAreNamedInConfigurationAndAnUnknownNameIsRefusedWithTheChoices() {
        assertThat(SchedulingPolicy.of("FCFS")).isSameAs(SchedulingPolicy.fcfs());
        assertThat(SchedulingPolicy.of("group-by-model").name()).isEqualTo("group-by-model");
        assertThat(SchedulingPolicy.of("swap-aware")).isSameAs(SchedulingPolicy.swapAware());
        assertThatThrownBy(() -> SchedulingPolicy.of("lifo"))
                .hasMessage("policy must be one of swap-aware, fcfs, group-by-model, but was 'lifo'");
    }
}
