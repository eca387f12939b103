package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reply path on a single Redis server ({@code REDIS_URL}, or one the test starts): {@link ReplyChannelContract},
 * {@link CancelBroadcastContract} and an outage.
 */
class RedisReplyPathIT extends ReplyChannelContract {

    @RegisterExtension
    static final RedisTestServer REDIS = RedisTestServer.shared();

    @RegisterExtension
    static final ReplyPathRedis PATH = ReplyPathRedis.on(REDIS);

    @Override
    protected ReplyPathRedis path() {
        return PATH;
    }

    @Nested
    class Cancels extends CancelBroadcastContract {

        @Override
        protected ReplyPathRedis path() {
            return PATH;
        }
    }

    @Test
    void whileRedisIsDownRequestsFailAsUnavailableAndTheChannelComesBackByItself() throws Exception {
        try (RedisTestServer own = RedisTestServer.own();
                ReplyPathRedis down = ReplyPathRedis.on(own);
                ReplyChannel channel = down.channel("gw-outage", Duration.ofSeconds(1));
                ReplyPublisher publisher = down.publisher()) {
            ReplyChannel.Pending waiting = channel.expect(EXPERT, requestId(), TokenListener.NONE);

            own.stop();

            assertThatThrownBy(() -> waiting.await(WAIT)).isInstanceOfSatisfying(ExpertException.class, e -> {
                assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE);
                assertThat(e.retryAfter()).isPresent();
            });
            assertThatThrownBy(() -> channel.expect(EXPERT, requestId(), TokenListener.NONE))
                    .isInstanceOfSatisfying(ExpertException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE);
                        assertThat(e.retryAfter()).isPresent();
                    });

            own.start();

            Eventually.until("the channel and the publisher work again", () -> {
                try {
                    assertRoundTrip(channel, publisher);
                    return true;
                } catch (RuntimeException stillDown) {
                    return false;
                }
            });
        }
    }
}
