package io.coerouter.router.dispatch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reading of the JSON that travels between gateways and workers through Redis: a bounded size and nesting, no
 * duplicated keys, and typed fields. Every failure is an {@link IllegalArgumentException} that names the field (a
 * dotted path) and never repeats the input: a prompt must not reach a log through an error message.
 */
final class JsonFields {

    /** The mapper for writing; reading goes through {@link #parse}, which bounds the input first. */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(16).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonFields() {}

    /**
     * {@code json} as an object.
     *
     * @param what what the text is, for messages ("payload")
     * @param maxChars the most characters it may have
     */
    static JsonNode parse(String json, int maxChars, String what) {
        Objects.requireNonNull(json, what);
        if (json.length() > maxChars) {
            throw new IllegalArgumentException(
                    what + " must be at most " + maxChars + " characters, but had " + json.length());
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(what + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return node;
    }

    /** The object at {@code field} of {@code node}; {@code path} names it in messages. */
    static JsonNode object(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(path + " must be an object");
        }
        return value;
    }

    /** The array at {@code field}, or an empty one when absent or null. */
    static JsonNode optionalArray(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JSON.createArrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(path + " must be an array");
        }
        return value;
    }

    /** The string {@code value} (an element or a field's value) of {@code path}. */
    static String text(JsonNode value, String path) {
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(path + " must be a string");
        }
        return value.stringValue();
    }

    /** The string at {@code field}. */
    static String text(JsonNode node, String field, String path) {
        return text(node.get(field), path);
    }

    /** The number at {@code field}, or null when absent or null. */
    static Double optionalNumber(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(path + " must be a number");
        }
        return value.doubleValue();
    }

    /** The whole number at {@code field}, or null when absent or null. */
    static Long optionalLong(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(path + " must be a whole number in the range of a long");
        }
        return value.longValue();
    }

    /** The whole number at {@code field}, at least {@code min}. */
    static long requiredLong(JsonNode node, String field, String path, long min) {
        Long value = optionalLong(node, field, path);
        if (value == null) {
            throw new IllegalArgumentException(path + " must be set");
        }
        if (value < min) {
            throw new IllegalArgumentException(path + " must be >= " + min + ", but was " + value);
        }
        return value;
    }

    /** The whole number at {@code field} within an int, or null when absent or null. */
    static Integer optionalInt(JsonNode node, String field, String path) {
        Long value = optionalLong(node, field, path);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(path + " must be a whole number in the range of an int");
        }
        return value == null ? null : value.intValue();
    }

    /** The boolean at {@code field}. */
    static boolean bool(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException(path + " must be true or false");
        }
        return value.booleanValue();
    }

    /** The constant of {@code type} named (case-insensitively) by the string at {@code field}. */
    static <E extends Enum<E>> E constant(JsonNode node, String field, String path, Class<E> type) {
        String name = text(node, field, path);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(path + " must be one of "
                + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
}
