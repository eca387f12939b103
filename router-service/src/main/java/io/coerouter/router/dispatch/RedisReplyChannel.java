package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.dispatch.RedisConnector.Link;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplyChannel} on a Redis stream. One virtual thread reads it with blocking {@code XREAD}s on a connection of
 * its own, hands each reply to its request's {@link PendingReply} (replies for no waiting request are dropped), trims
 * what it read, and refreshes the stream's expiry between reads. On a failed read it marks Redis down, backs off and
 * tries again (Lettuce reconnects the connection); once Redis has been down for the command timeout the waiting
 * requests fail.
 */
final class RedisReplyChannel implements ReplyChannel {

    private static final Logger log = LoggerFactory.getLogger(RedisReplyChannel.class);

    /** How long the stream outlives the last refresh: a dead gateway's stream is gone after this. */
    static final Duration STREAM_TTL = Duration.ofSeconds(60);

    private static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final int READ_BATCH = 500;
    private static final long MAX_BACKOFF_MILLIS = 1000;

    private final RedisConnector connector;
    private final Link link;
    private final String id;
    private final String stream;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, PendingReply> waiting = new ConcurrentHashMap<>();
    private final Thread reader;

    private volatile boolean closed;
    /** When reads began to fail (epoch milliseconds), or -1 while they succeed. */
    private volatile long downSince = -1;

    private String lastId = "0-0";
    private long refreshedAt = Long.MIN_VALUE;

    RedisReplyChannel(RedisConnector connector, String prefix, String gatewayId, Duration timeout, Clock clock) {
        this.stream = DispatchNames.replyStream(prefix, gatewayId);
        this.id = gatewayId;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connector = connector;
        this.link = connector.connectFirst();
        link.connection().setTimeout(timeout.plus(BLOCK));
        this.reader = Thread.ofVirtual().name("coe-replies-" + gatewayId).start(this::read);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Pending expect(String expertId, String requestId, TokenListener tokens) {
        Objects.requireNonNull(expertId, "expertId");
        DispatchNames.requestId(requestId);
        Objects.requireNonNull(tokens, "tokens");
        if (closed) {
            throw unavailable(expertId, "the gateway's reply channel is closed");
        }
        if (downSince >= 0) {
            throw unavailable(expertId, "the cluster's Redis is unreachable");
        }
        PendingReply pending = new PendingReply(expertId, tokens, done -> waiting.remove(requestId, done));
        if (waiting.putIfAbsent(requestId, pending) != null) {
            throw new IllegalArgumentException("requestId is awaited already");
        }
        return pending;
    }

    private static ExpertException unavailable(String expertId, String detail) {
        return ExpertException.of(expertId, ExpertErrorKind.UNAVAILABLE, detail, 0, Dispatch.RETRY_AFTER_REDIS, null);
    }

    /** The reader's loop, until the channel closes. */
    private void read() {
        long backoff = 10;
        while (!closed) {
            try {
                refreshIfDue();
                List<StreamMessage<String, String>> messages = link.commands()
                        .xread(
                                XReadArgs.Builder.block(BLOCK).count(READ_BATCH),
                                XReadArgs.StreamOffset.from(stream, lastId));
                downSince = -1;
                backoff = 10;
                if (messages != null && !messages.isEmpty()) {
                    messages.forEach(this::dispatch);
                    lastId = messages.getLast().getId();
                    link.commands().xtrim(stream, XTrimArgs.Builder.minId(after(lastId)));
                }
            } catch (RedisException e) {
                if (closed) {
                    return;
                }
                if (e instanceof RedisCommandExecutionException
                        && String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
                    // Something else wrote the stream's key: it is this channel's, so it goes.
                    log.warn("reply channel '{}': its stream's key held another type; deleting it", id);
                    deleteStream();
                    continue;
                }
                down(e);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } catch (RuntimeException e) {
                log.warn("reply channel '{}': reading failed: {}", id, e.toString());
                sleep(MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Hands one entry to its request; an entry that is no reply, or for no waiting request, is dropped. */
    private void dispatch(StreamMessage<String, String> message) {
        Reply reply;
        try {
            reply = Reply.fromFields(message.getBody());
        } catch (RuntimeException malformed) {
            log.debug(
                    "reply channel '{}': dropped entry {}, not a reply: {}",
                    id,
                    message.getId(),
                    malformed.getMessage());
            return;
        }
        PendingReply pending = waiting.get(reply.requestId());
        if (pending != null) {
            pending.offer(reply);
        }
    }

    /** The id just after {@code id}: trimming below it removes everything read so far. */
    static String after(String id) {
        int dash = id.indexOf('-');
        long millis = Long.parseLong(id.substring(0, dash));
        long sequence = Long.parseLong(id.substring(dash + 1));
        return sequence == Long.MAX_VALUE ? (millis + 1) + "-0" : millis + "-" + (sequence + 1);
    }

    private void refreshIfDue() {
        long now = clock.millis();
        if (refreshedAt == Long.MIN_VALUE || now - refreshedAt >= REFRESH_EVERY.toMillis()) {
            link.commands().pexpire(stream, STREAM_TTL.toMillis());
            refreshedAt = now;
        }
    }

    private void down(RedisException e) {
        long now = clock.millis();
        if (downSince < 0) {
            downSince = now;
            log.warn("reply channel '{}': Redis is unreachable, retrying: {}", id, e.getMessage());
        }
        if (now - downSince >= timeout.toMillis()) {
            waiting.values().forEach(p -> p.fail(unavailable(p.expertId(), "the cluster's Redis is unreachable")));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reader.interrupt();
        link.connection().close(); // ends a blocking read at once
        try {
            reader.join(timeout.plus(BLOCK).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiting.values().forEach(p -> p.fail(unavailable(p.expertId(), "the gateway's reply channel is closed")));
        waiting.clear();
        try {
            Link last = connector.connect();
            last.commands().del(stream);
            last.connection().close();
        } catch (RuntimeException e) {
            log.debug("reply channel '{}': could not delete its stream (it expires): {}", id, e.toString());
        }
        connector.close();
    }

    private void deleteStream() {
        try {
            link.commands().del(stream);
            lastId = "0-0";
        } catch (RedisException e) {
            log.debug("reply channel '{}': could not delete its stream: {}", id, e.toString());
        }
    }
}
