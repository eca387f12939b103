package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.router.experts.ExpertActivity;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertState;
import io.coerouter.router.experts.RegisteredExpert;
import java.util.List;

/**
 * One expert as the admin API shows it ({@code coe.expert}): never the API key's variable, only whether one is set.
 *
 * @param model the provider's model, else the local model's path; null for neither
 * @param drained whether a draining expert's calls have finished; absent unless it is draining
 * @param description the definition's free text for people; absent when none
 * @param queued requests waiting in this replica's queue for the expert
 * @param calls calls this replica made to the expert since it started, answered or failed
 * @param errors of those, the failed ones
 */
@JsonPropertyOrder({
    "object",
    "id",
    "adapter",
    "model",
    "max_concurrency",
    "default",
    "state",
    "source",
    "available",
    "circuit",
    "in_flight",
    "queued",
    "calls",
    "errors",
    "drained",
    "fallbacks",
    "has_api_key",
    "description",
    "definition"
})
public record ExpertView(
        @JsonProperty("object") String object,
        @JsonProperty("id") String id,
        @JsonProperty("adapter") String adapter,
        @JsonProperty("model") String model,
        @JsonProperty("max_concurrency") int maxConcurrency,
        @JsonProperty("default") boolean isDefault,
        @JsonProperty("state") String state,
        @JsonProperty("source") String source,
        @JsonProperty("available") boolean available,
        @JsonProperty("circuit") String circuit,
        @JsonProperty("in_flight") int inFlight,
        @JsonProperty("queued") int queued,
        @JsonProperty("calls") long calls,
        @JsonProperty("errors") long errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("drained") Boolean drained,
        @JsonProperty("fallbacks") List<String> fallbacks,
        @JsonProperty("has_api_key") boolean hasApiKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("description") String description,
        @JsonProperty("definition") ExpertDefinitionJson definition)
        implements ExpertResource {

    static ExpertView of(RegisteredExpert entry, ExpertRegistry registry, ExpertActivity activity) {
        Expert e = entry.expert();
        ExpertConfig config = e.config();
        return new ExpertView(
                "coe.expert",
                e.id(),
                config.adapter(),
                config.model() != null ? config.model() : config.modelPath(),
                config.maxConcurrency(),
                e.id().equals(registry.defaultExpertId()),
                entry.state().apiName(),
                entry.stored().source().apiName(),
                e.available(),
                e.circuitState(),
                entry.inFlight(),
                activity.queued(),
                activity.calls(),
                activity.errors(),
                entry.state() == ExpertState.DRAINING ? entry.inFlight() == 0 : null,
                registry.fallbacks(e.id()),
                config.apiKeyEnv() != null,
                entry.stored().definition().description(),
                ExpertDefinitionJson.of(entry.stored().definition(), false));
    }
}
