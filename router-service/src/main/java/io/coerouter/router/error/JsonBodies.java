package io.coerouter.router.error;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies as JSON for every endpoint: a duplicated key is refused (never "last wins"), and a body that
 * is not JSON gets a plain 400 that names where it broke, never Jackson's message (class names, echoed input).
 */
public final class JsonBodies {

    /** The longest piece of client input an error message repeats. */
    static final int MAX_ECHO = 40;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    /** Jackson 2's wording (the YAML taxonomy and profile-set readers in skill-profiler). */
    private static final Pattern LEGACY_DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private JsonBodies() {}

    /** The router's mapper setting for request bodies: duplicate keys are errors (Spring's and the tests' mappers). */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The body as a JSON value (any kind); an empty or unreadable body is a 400 {@code invalid_json}. */
    public static JsonNode read(JsonMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw RouterException.invalid(
                    null, "invalid_json", "We could not parse the JSON body of your request: the body is empty.");
        }
        JsonNode node;
        try {
            node = json.reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .readTree(body);
        } catch (JacksonException e) {
            throw invalid(e);
        }
        if (node == null || node.isMissingNode()) {
            throw RouterException.invalid(
                    null, "invalid_json", "We could not parse the JSON body of your request: the body is empty.");
        }
        return node;
    }

    /** The body as a JSON object; anything else is a 400 {@code invalid_json}. */
    public static JsonNode readObject(JsonMapper json, byte[] body) {
        JsonNode node = read(json, body);
        if (!node.isObject()) {
            throw RouterException.invalid(
                    null,
                    "invalid_json",
                    "The request body must be a JSON object, but was "
                            + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return node;
    }

    /** A plain 400 for a body Jackson could not read: a duplicated key, a limit passed, or where the syntax broke. */
    public static RouterException invalid(JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.matches()) {
            String path = path(e, duplicate.group(1));
            return RouterException.invalid(
                    path,
                    "duplicate_key",
                    "The request body repeats the key '" + path + "'; each key may appear once in an object.");
        }
        if (e instanceof StreamConstraintsException) {
            return RouterException.invalid(
                    null,
                    "invalid_json",
                    "The request body passes a JSON limit (nesting depth, number length or string length)"
                            + where(e.getLocation()) + ".");
        }
        return RouterException.invalid(
                null, "invalid_json", "The request body is not valid JSON" + where(e.getLocation()) + ".");
    }

    /** {@code value} shortened to {@value #MAX_ECHO} characters, control characters replaced, for error messages. */
    public static String echo(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ECHO).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_ECHO) {
            out.append("...");
        }
        return out.toString();
    }

    /**
     * Why a document (a profile set, a skill taxonomy) could not be read, in plain words for the client: where the
     * syntax broke or which field is wrong, and our own validation's sentence; never Jackson's text or a class name.
     */
    public static String reason(IllegalArgumentException e) {
        JacksonException jackson = null;
        for (Throwable t = e; t != null && jackson == null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                jackson = j;
            }
        }
        if (jackson == null) {
            return legacyReason(e);
        }
        if (jackson instanceof StreamReadException || jackson.getCause() instanceof java.io.CharConversionException) {
            RouterException syntax = invalid(jackson);
            return "duplicate_key".equals(syntax.code())
                    ? "it repeats the key '" + syntax.param() + "'"
                    : "it is not valid JSON (or YAML)" + where(jackson.getLocation());
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(echo(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String where = path.isEmpty() ? "the document" : "'" + path + "'";
        Throwable cause = jackson.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return where + " is not valid: " + plain(cause.getMessage());
        }
        return where + " is missing, of the wrong type, or not a known field";
    }

    /** The same for documents read with Jackson 2 (the YAML taxonomy reader in skill-profiler). */
    private static String legacyReason(IllegalArgumentException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
                StringBuilder path = new StringBuilder();
                for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : mapping.getPath()) {
                    if (reference.getFieldName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(echo(reference.getFieldName()));
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                String where = path.isEmpty() ? "the document" : "'" + path + "'";
                Throwable cause = mapping.getCause();
                return cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                        ? where + " is not valid: " + plain(cause.getMessage())
                        : where + " is missing, of the wrong type, or not a known field";
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException syntax) {
                Matcher duplicate = LEGACY_DUPLICATE.matcher(String.valueOf(syntax.getOriginalMessage()));
                if (duplicate.matches()) {
                    return "it repeats the key '" + echo(duplicate.group(1)) + "'";
                }
                var location = syntax.getLocation();
                return "it is not valid JSON (or YAML)"
                        + (location == null || location.getLineNr() < 1
                                ? ""
                                : " at line " + location.getLineNr() + " column " + location.getColumnNr());
            }
            if (t instanceof java.io.CharConversionException) {
                return "it is not valid UTF-8 text";
            }
        }
        return plain(e.getMessage());
    }

    /** Our own validation sentence, bounded; anything that looks like it came from a library is dropped. */
    private static String plain(String message) {
        if (message == null
                || message.isBlank()
                || message.contains("`")
                || message.contains("Exception")
                || message.matches("(?s).*\\b(java|tools|com|io|org)\\.[a-z]+\\..*")) {
            return "it is not valid";
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    /** The duplicated key's path, such as {@code coe.k} or {@code messages[0].role}. */
    private static String path(JacksonException e, String key) {
        Deque<Object> segments = new ArrayDeque<>();
        if (e instanceof StreamReadException read && read.processor() instanceof JsonParser parser) {
            TokenStreamContext context = parser.streamReadContext();
            for (TokenStreamContext c = context == null ? null : context.getParent(); c != null; c = c.getParent()) {
                if (c.inArray()) {
                    segments.push(c.getCurrentIndex());
                } else if (c.inObject() && c.currentName() != null) {
                    segments.push(c.currentName());
                }
            }
        }
        segments.addLast(key);
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(echo((String) segment));
            }
        }
        return path.toString();
    }
}
