package io.coerouter.router.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The in-memory feedback store passes its contract, and remembers at most its limit of completions. */
class InMemoryFeedbackStoreTest {

    @Nested
    class Contract extends FeedbackStoreContract {
        private final FeedbackStore shared = FeedbackStore.inMemory(1000, clock);

        @Override
        FeedbackStore store() {
            return shared; // one process: both replicas are the same store
        }
    }

    @Test
    void pastItsLimitTheOldestCompletionsAreForgotten() {
        ManualClock clock = new ManualClock();
        FeedbackStore store = FeedbackStore.inMemory(2, clock);
        Instant expires = clock.instant().plus(Duration.ofHours(1));
        for (String id : List.of("chatcmpl-1", "chatcmpl-2", "chatcmpl-3")) {
            store.remember(new CompletionRecord(
                    id, null, List.of("a"), List.of(new CompletionRecord.SkillWeight("s", 1)), expires));
        }

        assertThat(store.find("chatcmpl-1")).isEmpty();
        assertThat(store.find("chatcmpl-2")).isPresent();
        assertThat(store.find("chatcmpl-3")).isPresent();
    }
}
