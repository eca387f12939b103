package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.router.dispatch.RedisConnector.Link;
import io.lettuce.core.ScriptOutputType;
import java.util.Objects;

/**
 * {@link ReplyPublisher} on Redis Streams. One script appends the reply (trimming the stream to about {@link
 * #MAX_STREAM_ENTRIES}) and gives a stream without an expiry one: a reply to a gateway that died creates a stream no
 * one reads, which must not stay forever. A live gateway refreshes its own, longer-lived expiry.
 */
final class RedisReplyPublisher implements ReplyPublisher {

    /** The expiry a reply gives a stream that has none (its gateway's refresh replaces it). */
    static final long ORPHAN_TTL_MILLIS = 60_000;

    private static final String PUBLISH =
            """
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                'rid', ARGV[2], 'att', ARGV[3], 'kind', ARGV[4], 'body', ARGV[5])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
            return 1
            """;

    private final RedisConnector connector;
    private final Link link;
    private final String prefix;

    RedisReplyPublisher(RedisConnector connector, String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.connector = connector;
        this.link = connector.connectFirst();
    }

    @Override
    public void token(String replyTo, String requestId, String attempt, String text) {
        publish(replyTo, Reply.token(requestId, attempt, text));
    }

    @Override
    public void done(String replyTo, String requestId, String attempt, ExpertResponse response, Served served) {
        publish(replyTo, Reply.done(requestId, attempt, response, served));
    }

    @Override
    public void failed(String replyTo, String requestId, String attempt, ExpertException error) {
        publish(replyTo, Reply.failed(requestId, attempt, error));
    }

    private void publish(String replyTo, Reply reply) {
        String stream = DispatchNames.replyStream(prefix, replyTo);
        RedisConnector.call(() -> link.commands()
                .eval(
                        PUBLISH,
                        ScriptOutputType.INTEGER,
                        new String[] {stream},
                        Long.toString(MAX_STREAM_ENTRIES),
                        reply.requestId(),
                        reply.attempt(),
                        reply.kind().name(),
                        reply.body(),
                        Long.toString(ORPHAN_TTL_MILLIS)));
    }

    @Override
    public void close() {
        link.connection().close();
        connector.close();
    }
}
