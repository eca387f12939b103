package io.coerouter.router.dispatch;

import io.coerouter.router.dispatch.RedisConnector.Link;
import io.coerouter.router.state.StateUnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;

/**
 * {@link CancelBroadcast} on Redis Pub/Sub (a Cluster broadcasts a {@code PUBLISH} to every node). A message is a
 * request id; one that is not is ignored. Lettuce subscribes again by itself after a reconnect.
 */
final class RedisCancelBroadcast implements CancelBroadcast {

    private final RedisConnector connector;
    private final Link link;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final String channel;
    private final RecentIds cancelled;

    RedisCancelBroadcast(RedisConnector connector, String prefix, Clock clock) {
        this.channel = DispatchNames.cancelChannel(prefix);
        this.cancelled = new RecentIds(MAX_REMEMBERED, REMEMBERED, clock);
        this.connector = connector;
        this.link = connector.connectFirst();
        try {
            this.subscription = connector.connectPubSub();
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String requestId) {
                    if (channel.equals(from)
                            && requestId != null
                            && DispatchNames.REQUEST_ID.matcher(requestId).matches()) {
                        cancelled.add(requestId);
                    }
                }
            });
            subscription.sync().subscribe(channel);
        } catch (RedisException | StateUnavailableException e) {
            connector.close();
            throw new StateUnavailableException("cannot subscribe to cancellations: " + e.getMessage(), e);
        }
    }

    @Override
    public void cancel(String requestId) {
        DispatchNames.requestId(requestId);
        cancelled.add(requestId);
        RedisConnector.call(() -> link.commands().publish(channel, requestId));
    }

    @Override
    public boolean cancelled(String requestId) {
        return requestId != null && cancelled.contains(requestId);
    }

    @Override
    public void close() {
        subscription.close();
        link.connection().close();
        connector.close();
    }
}
