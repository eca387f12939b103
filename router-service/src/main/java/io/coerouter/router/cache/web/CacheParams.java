package io.coerouter.router.cache.web;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;

/** The cache API's query parameters and ids, each checked and named in its error. */
final class CacheParams {

    /** The most entries one list answers. */
    static final int MAX_LIMIT = 500;

    /** Entries one list answers when it does not say. */
    static final int DEFAULT_LIMIT = 50;

    private CacheParams() {}

    /** How many entries to list: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw RouterException.invalid(
                "limit",
                "invalid_value",
                "limit must be a whole number from 1 to " + MAX_LIMIT + ", but was '" + JsonBodies.echo(value) + "'.");
    }

    /** {@code true} or {@code false}; false when absent. */
    static boolean flag(String param, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw RouterException.invalid(
                param, "invalid_value", param + " must be true or false, but was '" + JsonBodies.echo(value) + "'.");
    }
}
