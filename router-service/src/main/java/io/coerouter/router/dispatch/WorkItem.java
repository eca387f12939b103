package io.coerouter.router.dispatch;

import java.util.Objects;

/**
 * One request for an expert, as it travels through the expert's queue.
 *
 * @param requestId the request's id (unique per request)
 * @param replyTo the id of the gateway reply channel the answer goes back to
 * @param payload the request for the worker, as a JSON string
 * @param enqueuedAtMillis when the gateway enqueued it (epoch milliseconds), for the wait the trace reports
 */
public record WorkItem(String requestId, String replyTo, String payload, long enqueuedAtMillis) {

    public WorkItem {
        requireText(requestId, "requestId");
        requireText(replyTo, "replyTo");
        Objects.requireNonNull(payload, "payload");
        if (payload.isBlank()) {
            throw new IllegalArgumentException("payload must be a JSON value, not blank");
        }
        if (enqueuedAtMillis < 0) {
            throw new IllegalArgumentException("enqueuedAtMillis must be >= 0: " + enqueuedAtMillis);
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
