package io.coerouter.router.state;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events on one Redis pub/sub channel under the key prefix; the message is the topic. Listeners run on one thread of
 * their own, in order: never on Lettuce's event loop, where their own Redis reads would deadlock.
 */
final class RedisStateEvents implements StateEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisStateEvents.class);

    private final RedisState redis;
    private final String channel;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("coe-state-events").factory());

    RedisStateEvents(RedisState redis, RedisClient client) {
        this.redis = redis;
        this.channel = redis.key("events");
        this.subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String topic) {
                if (from.equals(channel)) {
                    thread.execute(() -> tell(topic));
                }
            }
        });
        subscription.sync().subscribe(channel);
    }

    /**
     * After a reconnect every topic may have changed unseen: tells every listener, and again a second later, since
     * the connection that came back first may not be the one the listeners read with.
     */
    void reconnected() {
        thread.execute(() -> listeners.keySet().forEach(this::tell));
        thread.schedule(() -> listeners.keySet().forEach(this::tell), 1, TimeUnit.SECONDS);
    }

    @Override
    public void publish(String topic) {
        try {
            redis.call(c -> c.publish(channel, topic));
        } catch (StateUnavailableException e) {
            // The change itself is stored; other replicas read it when they reconnect.
            log.warn("could not announce a change of '{}' to other replicas: {}", topic, e.getMessage());
        }
        // This replica subscribes to the channel too, so its own listeners run when the message comes back.
    }

    @Override
    public void subscribe(String topic, Runnable onChange) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(onChange);
    }

    private void tell(String topic) {
        for (Runnable listener : listeners.getOrDefault(topic, List.of())) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("refreshing '{}' after a change failed: {}", topic, e.toString());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            subscription.close();
        } catch (RedisException e) {
            log.debug("closing the event subscription: {}", e.toString());
        }
    }
}
