package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolActivityTest {

    private final ManualClock clock = new ManualClock(); // a minute's start
    private final PoolActivity activity = new PoolActivity(clock);

    @Test
    void loadsAndEvictionsAreCountedPerMinuteOverTheLastFifteen() {
        long start = clock.instant().getEpochSecond();
        activity.onLoad("a", Tier.DISK, Duration.ZERO, 1);
        activity.onLoad("b", Tier.DISK, Duration.ZERO, 1);
        clock.advance(Duration.ofMinutes(2));
        activity.onEvict("a", 1);
        activity.onLoad("a", Tier.HOST, Duration.ZERO, 1);

        PoolActivity.Series series = activity.series();

        assertThat(series.t()).hasSize(PoolActivity.MINUTES);
        assertThat(series.t().getLast()).isEqualTo(start + 120);
        assertThat(series.t().get(12)).isEqualTo(start);
        assertThat(series.loads().subList(12, 15)).containsExactly(2L, 0L, 1L);
        assertThat(series.evictions().subList(12, 15)).containsExactly(0L, 0L, 1L);
    }

    @Test
    void aMinuteOlderThanFifteenIsForgottenEvenWhenItsSlotComesRoundAgain() {
        activity.onLoad("a", Tier.DISK, Duration.ZERO, 1);
        clock.advance(Duration.ofMinutes(PoolActivity.MINUTES));

        assertThat(activity.series().loads()).containsOnly(0L);
        activity.onLoad("b", Tier.DISK, Duration.ZERO, 1);
        assertThat(activity.series().loads().getLast()).isEqualTo(1L);
    }

    @Test
    void observersAreToldOfEveryEvent() {
        List<String> seen = new ArrayList<>();
        activity.observe(new PoolListener() {
            @Override
            public void onLoad(String id, Tier from, Duration took, long bytes) {
                seen.add("load " + id);
            }

            @Override
            public void onEvict(String id, long bytes) {
                seen.add("evict " + id);
            }

            @Override
            public void onSwap(String id, List<String> evicted) {
                seen.add("swap " + id + " " + evicted);
            }
        });
        activity.onEvict("a", 1);
        activity.onLoad("b", Tier.DISK, Duration.ZERO, 1);
        activity.onSwap("b", List.of("a"));

        assertThat(seen).containsExactly("evict a", "load b", "swap b [a]");
    }
}
