package io.coerouter.router.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis feedback store passes the same contract against a real Redis server, each replica on its own connection;
 * and Redis expires a completion and its feedback with it, under the prefix.
 */
class RedisFeedbackStoreIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Nested
    class Contract extends FeedbackStoreContract {
        @Override
        FeedbackStore store() {
            return FeedbackStore.redis(SERVER.connect(), JSON, clock);
        }
    }

    @Test
    void aCompletionAndItsFeedbackExpireInRedisWithTheCompletion() {
        RedisState redis = SERVER.connect();
        ManualClock clock = new ManualClock();
        FeedbackStore store = FeedbackStore.redis(redis, JSON, clock);
        CompletionRecord record = new CompletionRecord(
                "chatcmpl-x1",
                "key_1",
                List.of("alpha"),
                List.of(new CompletionRecord.SkillWeight("math", 1)),
                clock.instant().plus(Duration.ofMinutes(10)));
        store.remember(record);
        clock.advance(Duration.ofMinutes(4));

        store.apply(
                record,
                List.of(new Contribution(new FeedbackKey("alpha", "math"), 0, 1)),
                clock.millis(),
                Duration.ofDays(1).toMillis());

        long completionTtl = redis.call(c -> c.pttl(SERVER.prefix() + "feedback:completion:chatcmpl-x1"));
        long appliedTtl = redis.call(c -> c.pttl(SERVER.prefix() + "feedback:applied:chatcmpl-x1"));
        assertThat(completionTtl).isBetween(9 * 60_000L, 10 * 60_000L);
        assertThat(appliedTtl).isBetween(5 * 60_000L, 6 * 60_000L);
        List<String> fields = redis.call(c -> c.hkeys(SERVER.prefix() + "feedback:overlay"));
        assertThat(fields).containsExactly("alpha|math");
    }

    @Test
    void somethingElseStoredUnderACompletionKeyOrInTheOverlayCountsAsNothing() {
        RedisState redis = SERVER.connect();
        FeedbackStore store = FeedbackStore.redis(redis, JSON, new ManualClock());
        redis.call(c -> c.set(SERVER.prefix() + "feedback:completion:chatcmpl-bad", "{\"owner\": 3"));
        redis.call(c -> c.hset(SERVER.prefix() + "feedback:overlay", "alpha|math", "not json"));
        redis.call(c -> c.hset(SERVER.prefix() + "feedback:overlay", "no-bar", "{\"r\":1,\"w\":1,\"t\":0}"));

        assertThat(store.find("chatcmpl-bad")).isEmpty();
        assertThat(store.overlay()).isEmpty();
    }
}
