package io.coerouter.router.usage;

import java.time.Instant;

/**
 * A search of the request log, newest first.
 *
 * @param keyId only this key's requests, or null
 * @param expert only requests that called this expert, or null
 * @param status {@code ok}, {@code error}, or null for both
 * @param before only requests older than this position (the previous page's last), or null
 */
public record RequestSearch(
        String keyId, String expert, String status, Instant from, Instant to, int limit, Position before) {

    /** A place in the log's order (newest first): a request's start and id. */
    public record Position(Instant startedAt, String id) {}
}
