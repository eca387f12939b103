package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdIsRememberedForItsTimeThenForgotten() {
        ManualClock clock = new ManualClock();
        RecentIds ids = new RecentIds(10, Duration.ofMinutes(5), clock);
        ids.add("a");

        clock.advance(Duration.ofMinutes(4));
        assertThat(ids.contains("a")).isTrue();
        assertThat(ids.contains("b")).isFalse();

        clock.advance(Duration.ofMinutes(2));
        assertThat(ids.contains("a")).isFalse();
    }

    @Test
    void theOldestGoFirstOnceTheBoundIsReached() {
        RecentIds ids = new RecentIds(3, Duration.ofMinutes(5), new ManualClock());
        for (String id : new String[] {"a", "b", "c", "d", "b", "e"}) {
            ids.add(id);
        }

        assertThat(ids.contains("a")).isFalse();
        assertThat(ids.contains("c")).isFalse();
        assertThat(ids.contains("d")).isTrue();
        assertThat(ids.contains("b")).as("added again: young").isTrue();
        assertThat(ids.contains("e")).isTrue();
    }
}
