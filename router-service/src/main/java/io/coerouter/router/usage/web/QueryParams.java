package io.coerouter.router.usage.web;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The usage API's query parameters, each checked and named in its error. */
final class QueryParams {

    /** The longest range one query may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(3660);

    /** The earliest instant a query may name. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    /** The latest instant a query may name. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryParams() {}

    /** {@code value} as one of {@code type}'s constants (lower case on the wire), or {@code fallback} when absent. */
    static <E extends Enum<E>> E choice(String param, String value, Class<E> type, E fallback) {
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw RouterException.invalid(
                param,
                "invalid_value",
                param + " must be one of " + allowed + ", but was '" + JsonBodies.echo(value) + "'.");
    }

    /** An ISO-8601 instant ({@code 2026-12-03T12:00:00Z}) from 1970 to 9999, or null when absent. */
    static Instant instant(String param, String value) {
        if (value == null) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw RouterException.invalid(
                    param,
                    "invalid_value",
                    param + " must be an ISO-8601 instant such as 2026-12-03T12:00:00Z, but was '"
                            + JsonBodies.echo(value) + "'.");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw RouterException.invalid(
                    param,
                    "invalid_value",
                    param + " must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, but was '"
                            + JsonBodies.echo(value) + "'.");
        }
        return parsed;
    }

    /** The range [from, to): to defaults to now, from to {@code to - window}; from before to, at most MAX_RANGE. */
    static Instant[] range(String fromText, String toText, Instant now, Duration window) {
        Instant to = instant("to", toText);
        Instant from = instant("from", fromText);
        to = to == null ? now : to;
        from = from == null ? to.minus(window) : from;
        if (!from.isBefore(to)) {
            throw RouterException.invalid("from", "invalid_value", "from must be before to.");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw RouterException.invalid(
                    "from", "invalid_value", "from and to may be at most " + MAX_RANGE.toDays() + " days apart.");
        }
        return new Instant[] {from, to};
    }
}
