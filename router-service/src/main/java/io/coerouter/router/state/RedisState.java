package io.coerouter.router.state;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One Lettuce connection to the shared Redis server, every key under one prefix. While the server is down, commands
 * fail at once (not queued) as {@link StateUnavailableException}; Lettuce reconnects by itself when it is back.
 */
public final class RedisState implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final ReentrantLock exclusiveLock = new ReentrantLock();
    private StatefulRedisConnection<String, String> exclusive;
    private RedisStateEvents events;

    private RedisState(RedisClient client, StatefulRedisConnection<String, String> connection, String prefix) {
        this.client = client;
        this.connection = connection;
        this.prefix = prefix;
    }

    /**
     * Connects to {@code url}.
     *
     * @throws StateUnavailableException when the server cannot be reached at start-up
     */
    public static RedisState connect(String url, String prefix, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected: callers fall back to what they last read, or answer 503.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            RedisState state = new RedisState(client, client.connect(), prefix);
            state.events = new RedisStateEvents(state, client);
            client.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    state.events.reconnected();
                }
            });
            return state;
        } catch (RedisException e) {
            client.shutdown();
            throw new StateUnavailableException(
                    "cannot connect to Redis at " + uri.toURI().getHost() + ":" + uri.getPort() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Whether the connection to the server is up now (Lettuce reconnects by itself when it is not). */
    public boolean connected() {
        return connection.isOpen();
    }

    /** Change events between the replicas sharing this server (Redis pub/sub). */
    public StateEvents events() {
        return events;
    }

    /** {@code parts} joined by ':' under this router's prefix. */
    public String key(String... parts) {
        return prefix + String.join(":", parts);
    }

    /**
     * Whether {@code e} is Redis refusing a command on a key that holds another type (WRONGTYPE): a key that is not
     * what the caller looked for, never an outage.
     */
    public static boolean isWrongType(RuntimeException e) {
        return e instanceof StateUnavailableException
                && e.getCause() instanceof RedisCommandExecutionException cause
                && cause.getMessage() != null
                && cause.getMessage().startsWith("WRONGTYPE");
    }

    /**
     * Runs {@code commands} against Redis.
     *
     * @throws StateUnavailableException when Redis is down or too slow
     */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        try {
            return commands.apply(connection.sync());
        } catch (RedisException e) {
            throw new StateUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code commands} on a connection no other thread uses meanwhile: for WATCH/MULTI/EXEC transactions, which a
     * shared connection would interleave with other threads' commands.
     *
     * @throws StateUnavailableException when Redis is down or too slow
     */
    public <T> T transaction(Function<RedisCommands<String, String>, T> commands) {
        exclusiveLock.lock();
        try {
            if (exclusive == null || !exclusive.isOpen()) {
                exclusive = client.connect();
            }
            return commands.apply(exclusive.sync());
        } catch (RedisException e) {
            if (exclusive != null) {
                exclusive.close(); // a half-done MULTI or WATCH must not leak into the next transaction
                exclusive = null;
            }
            throw new StateUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        } finally {
            exclusiveLock.unlock();
        }
    }

    /**
     * Changes the value at {@code key} optimistically: reads it under WATCH, writes {@code change}'s result (and what
     * {@code alsoWrite} adds) in one MULTI, and starts again when another client wrote the key meanwhile, so no
     * replica's change is lost.
     *
     * @return the value written, or empty when {@code key} does not exist
     * @throws StateUnavailableException when Redis is down, or the key kept changing for 20 attempts
     */
    public <T> Optional<T> update(
            String key,
            Function<String, T> read,
            UnaryOperator<T> change,
            Function<T, String> write,
            BiConsumer<RedisCommands<String, String>, T> alsoWrite) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<T> done = transaction(c -> {
                c.watch(key);
                String body = c.get(key);
                if (body == null) {
                    c.unwatch();
                    return Optional.<T>empty();
                }
                T changed = change.apply(read.apply(body));
                c.multi();
                c.set(key, write.apply(changed));
                alsoWrite.accept(c, changed);
                return c.exec().wasDiscarded() ? null : Optional.of(changed);
            });
            if (done != null) {
                return done;
            }
        }
        throw new StateUnavailableException("'" + key + "' kept changing during 20 attempts to update it", null);
    }

    @Override
    public synchronized void close() {
        events.close();
        if (exclusive != null) {
            exclusive.close();
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
