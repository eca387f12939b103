package io.coerouter.router.jobs.inputs;

import io.coerouter.router.config.ProfilesProperties;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.experts.ExpertRegistry;
import java.time.Clock;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every admin web edge needs: the experts, where eval sets come from, JSON, time and job settings. */
public record JobContext(
        ExpertRegistry registry, EvalSetSource evalSets, JsonMapper json, Clock clock, ProfilesProperties settings) {

    /** The request body as an object holding only {@code fields}. */
    public JsonNode body(byte[] body, Set<String> fields) {
        return BodyFields.object(json, body, fields);
    }

    /** The shared job inputs of {@code request}. */
    public JobInputs inputs(JsonNode request) {
        return JobInputs.read(request, registry, evalSets);
    }

    public int batchSize(JsonNode request) {
        return BodyFields.integer(request, "batch_size", settings.jobBatchSize(), 1, 256);
    }

    public int maxTokens(JsonNode request) {
        return BodyFields.integer(request, "max_tokens", settings.jobMaxTokens(), 1, 4096);
    }
}
