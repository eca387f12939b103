package io.coerouter.router.experts.web;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.InvalidExpertException;
import java.net.URI;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A definition from an admin request, checked as the configuration is ({@link ExpertJson#read}, then the registry's
 * own check: fallbacks and the deployment's policies), every failure a 400 naming the field.
 */
final class ExpertDefinitionReader {

    private final ExpertRegistry registry;

    ExpertDefinitionReader(ExpertRegistry registry) {
        this.registry = registry;
    }

    /** The definition in {@code json}, with the id the path names ({@code pathId}; null for none). */
    ExpertProperties checked(JsonNode json, String pathId) {
        ExpertProperties definition;
        try {
            definition = ExpertJson.read(json);
        } catch (InvalidExpertException e) {
            throw RouterException.invalid(e.param(), e.code(), e.getMessage());
        }
        if (definition.id() == null || definition.id().isBlank()) {
            if (pathId == null) {
                throw RouterException.invalid("id", "missing_required_parameter", "Missing required parameter: 'id'.");
            }
            ObjectNode id = JsonNodeFactory.instance.objectNode().put("id", pathId);
            return checked(ExpertJson.merge(ExpertJson.write(definition), id), pathId);
        }
        if (pathId != null && !pathId.equals(definition.id())) {
            throw RouterException.invalid(
                    "id",
                    "invalid_value",
                    "The body's id '" + definition.id() + "' differs from the path's '" + pathId
                            + "'; an expert cannot be renamed (create the new one, then delete the old).");
        }
        try {
            registry.check(definition);
        } catch (InvalidExpertException e) {
            throw RouterException.invalid(e.param(), "invalid_value", e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw RouterException.invalid(
                    null, "invalid_expert", "Expert '" + definition.id() + "': " + e.getMessage());
        }
        return definition;
    }

    /** {@code patch} laid over {@code existing}, checked. */
    ExpertProperties patched(ExpertProperties existing, JsonNode patch, String id) {
        ObjectNode merged;
        try {
            merged = ExpertJson.merge(ExpertJson.write(existing), patch);
        } catch (InvalidExpertException e) {
            throw RouterException.invalid(e.param(), e.code(), e.getMessage());
        }
        ExpertProperties definition = checked(merged, id);
        requireRestatedKey(existing, definition, patch);
        return definition;
    }

    /**
     * A key is bound to the endpoint it was configured for: a patch that sends an expert elsewhere (another adapter,
     * or a base URL with another scheme, host or port) must name {@code api_key_env} again, or the key would follow
     * the expert to a host nobody chose it for.
     */
    private static void requireRestatedKey(ExpertProperties before, ExpertProperties after, JsonNode patch) {
        if (before.apiKeyEnv() == null
                || after.apiKeyEnv() == null
                || ExpertJson.names(patch).contains(ExpertJson.API_KEY_FIELD)) {
            return;
        }
        if (!before.adapter().equals(after.adapter())
                || !origin(before.baseUrl()).equals(origin(after.baseUrl()))) {
            throw RouterException.invalid(
                    ExpertJson.API_KEY_FIELD,
                    "invalid_value",
                    "This change sends the expert to another endpoint: state api_key_env again (or set it to null) in"
                            + " the same request; a key is never carried to a new host.");
        }
    }

    private static String origin(URI url) {
        if (url == null) {
            return "";
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
