package io.coerouter.router.experts.web;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code /admin/experts} request bodies; every error names the field. */
final class ExpertBodies {

    private ExpertBodies() {}

    /** The body as a JSON object, whatever its fields. */
    static JsonNode object(JsonMapper json, byte[] body) {
        JsonNode node = JsonBodies.read(json, body == null ? new byte[0] : body);
        if (!node.isObject()) {
            throw RouterException.invalid(null, "invalid_type", "The body must be a JSON object.");
        }
        return node;
    }

    /** The body as a JSON object holding only {@code fields}. */
    static JsonNode object(JsonMapper json, byte[] body, Set<String> fields) {
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

    /** The required non-empty string field {@code name}. */
    static String string(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw RouterException.invalid(name, "missing_required_parameter", "Missing required field '" + name + "'.");
        }
        if (!v.isString() || v.stringValue().isBlank()) {
            throw RouterException.invalid(name, "invalid_type", "'" + name + "' must be a non-empty string.");
        }
        return v.stringValue();
    }
}
