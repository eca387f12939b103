package io.coerouter.router.admin;

import io.coerouter.router.config.ProfilesProperties;
import io.coerouter.router.experts.ExpertRegistry;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every admin controller needs: the experts, where eval sets come from, JSON, time, job settings and jobs. */
record AdminContext(
        ExpertRegistry registry,
        EvalSetSource evalSets,
        JsonMapper json,
        Clock clock,
        ProfilesProperties settings,
        AdminJobs jobs) {

    /** The request body as an object holding only {@code fields}. */
    JsonNode body(byte[] body, java.util.Set<String> fields) {
        return AdminBodies.object(json, body == null ? new byte[0] : body, fields);
    }

    /** The shared job inputs of {@code request}. */
    JobInputs inputs(JsonNode request) {
        return JobInputs.read(request, registry, evalSets);
    }

    int batchSize(JsonNode request) {
        return AdminBodies.integer(request, "batch_size", settings.jobBatchSize(), 1, 256);
    }

    int maxTokens(JsonNode request) {
        return AdminBodies.integer(request, "max_tokens", settings.jobMaxTokens(), 1, 4096);
    }
}
