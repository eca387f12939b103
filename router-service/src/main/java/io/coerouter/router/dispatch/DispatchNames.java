package io.coerouter.router.dispatch;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names on the reply path and the keys built from them. Every name may come from Redis (written by anyone who
 * can reach it), so each is checked against a strict pattern before it is used in a key or matched; a message never
 * repeats the refused value.
 */
final class DispatchNames {

    /** What a reply channel's id (a gateway's id, a work item's {@code replyTo}) may be. */
    static final Pattern REPLY_TO = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** What a request id may be: the gateway makes UUIDs; anything of this shape is accepted. */
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** What a worker's attempt id may be: the worker's name and something that tells its attempts apart. */
    static final Pattern ATTEMPT = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private DispatchNames() {}

    /** {@code replyTo}, checked. */
    static String replyTo(String replyTo) {
        return require(replyTo, REPLY_TO, "replyTo", "1-100 letters, digits, '.', '_' or '-'");
    }

    /** {@code requestId}, checked. */
    static String requestId(String requestId) {
        return require(requestId, REQUEST_ID, "requestId", "1-128 letters, digits, '.', '_', ':' or '-'");
    }

    /** {@code attempt}, checked. */
    static String attempt(String attempt) {
        return require(attempt, ATTEMPT, "attempt", "1-200 letters, digits, '.', '_', ':', '/' or '-'");
    }

    /** The stream a gateway reads its replies from: {@code <prefix>{r:<replyTo>}:replies}, one Cluster slot. */
    static String replyStream(String prefix, String replyTo) {
        return Objects.requireNonNull(prefix, "prefix") + "{r:" + replyTo(replyTo) + "}:replies";
    }

    /** The Pub/Sub channel cancellations travel on: {@code <prefix>cluster:cancel}. */
    static String cancelChannel(String prefix) {
        return Objects.requireNonNull(prefix, "prefix") + "cluster:cancel";
    }

    private static String require(String value, Pattern pattern, String field, String shape) {
        Objects.requireNonNull(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + shape);
        }
        return value;
    }
}
