package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import java.util.Map;
import java.util.Objects;

/**
 * One message from a worker to the gateway waiting for a request, as it travels on the gateway's reply stream. A
 * worker sends {@link ReplyKind#TOKEN}s while it generates (only when the client streams), then one {@link
 * ReplyKind#DONE} or {@link ReplyKind#FAILED}.
 *
 * @param requestId the request answered
 * @param attempt which execution of it sent this (a worker's name and its take): a request reclaimed from a dead worker
 *     runs again under another attempt, and the gateway keeps one
 * @param kind what the body holds
 * @param body a TOKEN's text; a DONE's answer and {@link Served} as JSON; a FAILED's {@code {kind, message,
 *     retry_after_ms}} as JSON
 */
public record Reply(String requestId, String attempt, ReplyKind kind, String body) {

    /** The most characters a body may have. */
    public static final int MAX_BODY_CHARS = 8 * 1024 * 1024;

    public Reply {
        DispatchNames.requestId(requestId);
        DispatchNames.attempt(attempt);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        if (body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException(
                    "body must be at most " + MAX_BODY_CHARS + " characters, but had " + body.length());
        }
    }

    /** A piece of generated text. */
    public static Reply token(String requestId, String attempt, String text) {
        return new Reply(requestId, attempt, ReplyKind.TOKEN, text);
    }

    /** The answer and where it was served. */
    public static Reply done(String requestId, String attempt, ExpertResponse response, Served served) {
        return new Reply(requestId, attempt, ReplyKind.DONE, ReplyBodies.done(response, served));
    }

    /** The failure that ended the request: its kind, its message (already free of secrets) and its retry-after. */
    public static Reply failed(String requestId, String attempt, ExpertException error) {
        return new Reply(requestId, attempt, ReplyKind.FAILED, ReplyBodies.failed(error));
    }

    /**
     * A DONE's answer, as {@code expertId}'s (the expert the gateway asked; the body's own id is not trusted).
     *
     * @throws IllegalArgumentException when this is no DONE or its body is malformed
     */
    public ExpertResponse response(String expertId) {
        return ReplyBodies.response(require(ReplyKind.DONE), expertId);
    }

    /**
     * A DONE's {@link Served}.
     *
     * @throws IllegalArgumentException when this is no DONE or its body is malformed
     */
    public Served served() {
        return ReplyBodies.served(require(ReplyKind.DONE));
    }

    /**
     * A FAILED's failure, as {@code expertId}'s.
     *
     * @throws IllegalArgumentException when this is no FAILED or its body is malformed
     */
    public ExpertException error(String expertId) {
        return ReplyBodies.error(require(ReplyKind.FAILED), expertId);
    }

    private String require(ReplyKind wanted) {
        if (kind != wanted) {
            throw new IllegalArgumentException("a " + kind + " reply has no " + wanted + " body");
        }
        return body;
    }

    /**
     * The reply a stream entry's {@code fields} hold.
     *
     * @throws IllegalArgumentException when they are not a reply (a field missing or malformed)
     */
    static Reply fromFields(Map<String, String> fields) {
        if (fields == null) {
            throw new IllegalArgumentException("a reply entry must have fields");
        }
        String kind = fields.get("kind");
        ReplyKind parsed = null;
        for (ReplyKind k : ReplyKind.values()) {
            if (k.name().equals(kind)) {
                parsed = k;
            }
        }
        if (parsed == null) {
            throw new IllegalArgumentException("kind must be one of TOKEN, DONE, FAILED");
        }
        return new Reply(fields.get("rid"), fields.get("att"), parsed, fields.get("body"));
    }
}
