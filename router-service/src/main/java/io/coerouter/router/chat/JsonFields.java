package io.coerouter.router.chat;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Typed readers of a request's JSON fields; each error names the parameter by its full path. */
final class JsonFields {

    private JsonFields() {}

    static String requiredString(JsonNode parent, String name) {
        return requiredString(parent, name, name);
    }

    static String requiredString(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw RouterException.invalid(
                    path, "missing_required_parameter", "Missing required parameter: '" + path + "'.");
        }
        if (!node.isString()) {
            throw invalidType(path, "a string", node);
        }
        if (node.stringValue().isEmpty()) {
            throw RouterException.invalid(
                    path, "invalid_value", "Invalid '" + path + "': expected a non-empty string, but got ''.");
        }
        return node.stringValue();
    }

    /** An optional string: null when absent or null. */
    static String optionalString(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw invalidType(path, "a string", node);
        }
        return node.stringValue();
    }

    static boolean bool(JsonNode parent, String name, boolean fallback) {
        return bool(parent, name, fallback, name);
    }

    static boolean bool(JsonNode parent, String name, boolean fallback, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw invalidType(path, "a boolean", node);
        }
        return node.booleanValue();
    }

    static Double number(JsonNode parent, String name, double min, double max) {
        return number(parent, name, min, max, name);
    }

    static Double number(JsonNode parent, String name, double min, double max, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalidType(path, "a number", node);
        }
        double value = finite(node);
        if (!(value >= min && value <= max)) {
            throw outOfRange(path, fmt(min), fmt(max), node);
        }
        return value;
    }

    /** The number as a double; NaN when it is beyond the double range (1 and 400 zeros, 1e999), never an error. */
    static double finite(JsonNode number) {
        double value = number.numberValue().doubleValue();
        return Double.isFinite(value) ? value : Double.NaN;
    }

    static Integer integer(JsonNode parent, String name, int min, int max) {
        return integer(parent, name, min, max, name);
    }

    static Integer integer(JsonNode parent, String name, int min, int max, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw invalidType(path, "an integer", node);
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw outOfRange(
                    path, Integer.toString(min), max == Integer.MAX_VALUE ? null : Integer.toString(max), node);
        }
        return node.intValue();
    }

    static Long longValue(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalidType(name, "a 64-bit integer", node);
        }
        return node.longValue();
    }

    static RouterException invalidType(String path, String expected, JsonNode actual) {
        return RouterException.invalid(
                path,
                "invalid_type",
                "Invalid type for '" + path + "': expected " + expected + ", but got " + describe(actual)
                        + " instead.");
    }

    static RouterException outOfRange(String path, String min, String max, JsonNode actual) {
        String range = max == null ? "at least " + min : "between " + min + " and " + max;
        return RouterException.invalid(
                path,
                "invalid_value",
                "Invalid value for '" + path + "': expected a value " + range + ", but got "
                        + JsonBodies.echo(actual.toString()) + ".");
    }

    static RouterException unsupported(String path, String message) {
        return RouterException.invalid(path, "unsupported_parameter", message);
    }

    /** {@code unknown_parameter} for {@code name} inside {@code parent} (a path, or null at the top level). */
    static RouterException unknown(String parent, String name) {
        String shown = JsonBodies.echo(name);
        return parent == null
                ? RouterException.invalid(
                        shown, "unknown_parameter", "Unrecognized request argument supplied: " + shown)
                : RouterException.invalid(
                        parent + "." + shown,
                        "unknown_parameter",
                        "Unrecognized argument supplied in " + parent + ": " + shown);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
