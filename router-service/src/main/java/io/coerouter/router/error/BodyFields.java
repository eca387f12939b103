package io.coerouter.router.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Typed reads of admin request bodies; every error names the field. */
public final class BodyFields {

    private BodyFields() {}

    public static JsonNode object(JsonMapper json, byte[] body, Set<String> fields) {
        JsonNode node = object(json, body);
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                throw RouterException.invalid(
                        JsonBodies.echo(name),
                        "unknown_parameter",
                        "Unrecognized field '" + JsonBodies.echo(name) + "'; expected one of " + fields + ".");
            }
        }
        return node;
    }

    /** The body as a JSON object, whatever its fields; no body at all is refused as an empty one. */
    public static JsonNode object(JsonMapper json, byte[] body) {
        JsonNode node = JsonBodies.read(json, body == null ? new byte[0] : body);
        if (!node.isObject()) {
            throw RouterException.invalid(null, "invalid_type", "The body must be a JSON object.");
        }
        return node;
    }

    public static String string(JsonNode node, String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw RouterException.invalid(
                        name, "missing_required_parameter", "Missing required field '" + name + "'.");
            }
            return null;
        }
        if (!v.isString() || v.stringValue().isBlank()) {
            throw RouterException.invalid(name, "invalid_type", "'" + name + "' must be a non-empty string.");
        }
        return v.stringValue();
    }

    public static List<String> strings(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw RouterException.invalid(name, "invalid_type", "'" + name + "' must be a non-empty array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString() || v.get(i).stringValue().isBlank()) {
                throw RouterException.invalid(name + "[" + i + "]", "invalid_type", "Expected a non-empty string.");
            }
            out.add(v.get(i).stringValue());
        }
        return out;
    }

    public static int integer(JsonNode node, String name, int dflt, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw RouterException.invalid(
                    name, "invalid_value", "'" + name + "' must be an integer from " + min + " to " + max + ".");
        }
        return v.intValue();
    }
}
