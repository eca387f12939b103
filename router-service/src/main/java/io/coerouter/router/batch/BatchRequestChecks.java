package io.coerouter.router.batch;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.Map;
import java.util.Set;

/** What a request to create a batch must hold, checked before its input file is looked at. */
final class BatchRequestChecks {

    /** The only endpoint batches can target so far. */
    static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    private static final Set<String> ENDPOINTS = Set.of(CHAT_COMPLETIONS);

    private BatchRequestChecks() {}

    /** @throws RouterException naming the first parameter that is missing or invalid */
    static void check(String inputFileId, String endpoint, String completionWindow, Map<String, String> metadata) {
        if (inputFileId == null || inputFileId.isBlank()) {
            throw RouterException.invalid(
                    "input_file_id", "missing_required_parameter", "Missing required parameter: 'input_file_id'.");
        }
        if (endpoint == null) {
            throw RouterException.invalid(
                    "endpoint", "missing_required_parameter", "Missing required parameter: 'endpoint'.");
        }
        if (!ENDPOINTS.contains(endpoint)) {
            throw RouterException.invalid(
                    "endpoint",
                    "invalid_value",
                    "Invalid endpoint '" + JsonBodies.echo(endpoint) + "'; CoE Router batches support "
                            + CHAT_COMPLETIONS + ".");
        }
        if (!"24h".equals(completionWindow)) {
            throw RouterException.invalid(
                    "completion_window",
                    "invalid_value",
                    "Invalid completion_window "
                            + (completionWindow == null ? "(missing)" : "'" + JsonBodies.echo(completionWindow) + "'")
                            + "; it must be '24h'.");
        }
        metadata(metadata);
    }

    /** OpenAI's limits: at most 16 pairs, keys up to 64 characters, values up to 512. */
    private static void metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > 16) {
            throw RouterException.invalid(
                    "metadata", "invalid_value", "metadata holds at most 16 pairs, but had " + metadata.size() + ".");
        }
        metadata.forEach((k, v) -> {
            if (k.length() > 64) {
                throw RouterException.invalid(
                        "metadata",
                        "invalid_value",
                        "metadata keys are at most 64 characters, but '" + JsonBodies.echo(k) + "' is longer.");
            }
            if (v == null || v.length() > 512) {
                throw RouterException.invalid(
                        "metadata." + k, "invalid_value", "metadata values are strings of at most 512 characters.");
            }
        });
    }
}
