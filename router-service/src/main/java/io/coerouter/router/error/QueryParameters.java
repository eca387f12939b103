package io.coerouter.router.error;

import java.util.Map;
import java.util.Set;

/** Checks shared by the admin APIs that take query parameters. */
public final class QueryParameters {

    /** The longest id (an API key's, an expert's, a skill's, an entry's) a parameter may name. */
    public static final int MAX_ID = 200;

    private QueryParameters() {}

    /**
     * An id named by parameter {@code param}: non-blank, at most {@link #MAX_ID} characters, no control characters;
     * null when absent; else a 400 naming it.
     */
    public static String id(String param, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_ID || value.chars().anyMatch(Character::isISOControl)) {
            throw RouterException.invalid(
                    param,
                    "invalid_value",
                    param + " must be 1 to " + MAX_ID + " printable characters, but was '" + JsonBodies.echo(value)
                            + "'.");
        }
        return value;
    }

    /**
     * Refuses a parameter not among {@code known}, or one given twice, so a typo is never silently a query (or a
     * purge) for everything: a 400 naming it.
     */
    public static void onlyKnown(Map<String, String[]> given, Set<String> known) {
        for (Map.Entry<String, String[]> p : given.entrySet()) {
            if (!known.contains(p.getKey())) {
                throw RouterException.invalid(
                        JsonBodies.echo(p.getKey()),
                        "unknown_parameter",
                        "Unknown query parameter '" + JsonBodies.echo(p.getKey()) + "'; known: "
                                + String.join(", ", known.stream().sorted().toList()) + ".");
            }
            if (p.getValue().length > 1) {
                throw RouterException.invalid(
                        p.getKey(),
                        "invalid_value",
                        p.getKey() + " may be given once, but was given " + p.getValue().length + " times.");
            }
        }
    }

    /** {@code value} as a whole number from {@code min} to {@code max}, {@code fallback} when absent; else a 400. */
    public static int whole(String param, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw RouterException.invalid(
                param,
                "invalid_value",
                param + " must be a whole number from " + min + " to " + max + ", but was '" + JsonBodies.echo(value)
                        + "'.");
    }

    /** {@code true} or {@code false}, false when absent; else a 400. */
    public static boolean flag(String param, String value) {
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
