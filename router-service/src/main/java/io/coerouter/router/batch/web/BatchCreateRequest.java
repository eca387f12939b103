package io.coerouter.router.batch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /v1/batches}, as OpenAI takes it. Read by hand ({@link #read}) so that every mistake is an
 * OpenAI-format error naming the parameter: an unknown field, a value of the wrong type.
 *
 * @param outputExpiresAfter accepted and ignored (output files live until deleted)
 */
public record BatchCreateRequest(
        @JsonProperty("input_file_id") String inputFileId,
        String endpoint,
        @JsonProperty("completion_window") String completionWindow,
        Map<String, String> metadata,
        @JsonProperty("output_expires_after") Object outputExpiresAfter) {

    private static final List<String> FIELDS =
            List.of("input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after");

    /** {@code body} read as a request, its values not yet checked beyond their types. */
    static BatchCreateRequest read(JsonMapper json, byte[] body) {
        JsonNode node = JsonBodies.readObject(json, body);
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw RouterException.invalid(
                        JsonBodies.echo(name),
                        "unknown_parameter",
                        "Unrecognized request argument supplied: " + JsonBodies.echo(name));
            }
        }
        return new BatchCreateRequest(
                string(node, "input_file_id"),
                string(node, "endpoint"),
                string(node, "completion_window"),
                metadata(node),
                null);
    }

    private static String string(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw RouterException.invalid(name, "invalid_type", "'" + name + "' must be a string.");
        }
        return value.asString();
    }

    private static Map<String, String> metadata(JsonNode body) {
        JsonNode value = body.get("metadata");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw RouterException.invalid("metadata", "invalid_type", "'metadata' must be an object of strings.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String key : value.propertyNames()) {
            JsonNode v = value.get(key);
            if (!v.isString()) {
                throw RouterException.invalid("metadata." + key, "invalid_type", "metadata values must be strings.");
            }
            metadata.put(key, v.asString());
        }
        return metadata;
    }
}
