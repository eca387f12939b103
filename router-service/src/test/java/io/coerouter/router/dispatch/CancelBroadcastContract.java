package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.testing.Eventually;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CancelBroadcast} does, on a real Redis: run (nested) by {@link RedisReplyPathIT} and {@link
 * RedisClusterReplyPathIT}.
 */
abstract class CancelBroadcastContract {

    private final List<CancelBroadcast> opened = new ArrayList<>();

    /** The reply path's components on this test's Redis. */
    protected abstract ReplyPathRedis path();

    private CancelBroadcast broadcast() {
        CancelBroadcast broadcast = path().cancels();
        opened.add(broadcast);
        return broadcast;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(CancelBroadcast::close);
    }

    @Test
    void everyWorkerHearsACancellation() {
        CancelBroadcast gateway = broadcast();
        CancelBroadcast worker = broadcast();
        CancelBroadcast another = broadcast();
        String rid = UUID.randomUUID().toString();

        gateway.cancel(rid);

        assertThat(gateway.cancelled(rid)).as("at once where it was cancelled").isTrue();
        Eventually.until("a worker heard it", () -> worker.cancelled(rid));
        Eventually.until("another worker heard it", () -> another.cancelled(rid));
        assertThat(worker.cancelled(UUID.randomUUID().toString())).isFalse();
        assertThat(worker.cancelled(null)).isFalse();
    }

    @Test
    void aMessageThatIsNoRequestIdIsIgnored() {
        CancelBroadcast worker = broadcast();
        String channel = DispatchNames.cancelChannel(path().prefix());
        String marker = UUID.randomUUID().toString();

        path().redis().publish(channel, "bad id\n");
        path().redis().publish(channel, "x".repeat(500));
        path().redis().publish(channel, marker);

        Eventually.until("the valid one came through", () -> worker.cancelled(marker));
        assertThat(worker.cancelled("bad id\n")).isFalse();
        assertThat(worker.cancelled("x".repeat(500))).isFalse();
    }

    @Test
    void aRequestIdOfTheWrongShapeIsRefused() {
        CancelBroadcast gateway = broadcast();

        assertThatThrownBy(() -> gateway.cancel("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.cancel(null)).isInstanceOf(NullPointerException.class);
    }
}
