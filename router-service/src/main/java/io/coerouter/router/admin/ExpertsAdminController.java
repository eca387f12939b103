package io.coerouter.router.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.expert.CircuitOverride;
import io.coerouter.expert.Expert;
import io.coerouter.router.error.ApiException;
import io.coerouter.router.experts.ExpertRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/experts}: each expert's adapter, limits and health (whether routing may use it, and its circuit
 * state), without secrets: the API key's environment variable name is shown, never its value; and operators' control
 * of circuits.
 */
@RestController
class ExpertsAdminController {

    private static final Logger log = LoggerFactory.getLogger(ExpertsAdminController.class);

    private static final java.util.Map<String, CircuitOverride> OVERRIDES = java.util.Map.of(
            "forced_open", CircuitOverride.FORCED_OPEN,
            "forced_closed", CircuitOverride.FORCED_CLOSED,
            "automatic", CircuitOverride.AUTOMATIC);

    private final ExpertRegistry registry;
    private final AdminContext admin;

    ExpertsAdminController(ExpertRegistry registry, AdminContext admin) {
        this.registry = registry;
        this.admin = admin;
    }

    /** One expert as the admin API shows it. */
    record ExpertView(
            String id,
            String adapter,
            String model,
            @JsonProperty("max_concurrency") int maxConcurrency,
            @JsonProperty("default") boolean isDefault,
            boolean available,
            String circuit,
            List<String> fallbacks) {}

    record ExpertList(String object, List<ExpertView> data) {}

    @GetMapping("/admin/experts")
    ExpertList list() {
        return new ExpertList("list", registry.all().stream().map(this::view).toList());
    }

    @GetMapping("/admin/experts/{id}")
    ExpertView get(@PathVariable String id) {
        return view(AdminExperts.one(registry, id, "id"));
    }

    /**
     * Forces an expert's circuit open ({@code forced_open}: routing passes it by and calls by name fail over) or
     * closed ({@code forced_closed}: every call goes through), or hands it back to the breaker ({@code automatic}).
     */
    @PostMapping("/admin/experts/{id}/circuit")
    ExpertView circuit(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        Expert expert = AdminExperts.one(registry, id, "id");
        JsonNode request = admin.body(body, java.util.Set.of("state"));
        String state = AdminBodies.string(request, "state", true);
        CircuitOverride override = OVERRIDES.get(state);
        if (override == null) {
            throw ApiException.invalid(
                    "state",
                    "invalid_value",
                    "state must be one of " + new java.util.TreeSet<>(OVERRIDES.keySet()) + ", but was '" + state
                            + "'.");
        }
        if (!expert.overrideCircuit(override)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    ApiException.INVALID_REQUEST,
                    "Expert '" + id + "' has no circuit breaker (local experts, or resilience.circuit-breaker: false).",
                    "id",
                    "no_circuit_breaker");
        }
        log.warn("circuit of expert '{}' set to {} through the admin API", id, state);
        return view(expert);
    }

    private ExpertView view(Expert e) {
        return new ExpertView(
                e.id(),
                e.config().adapter(),
                e.config().model() != null ? e.config().model() : e.config().modelPath(),
                e.config().maxConcurrency(),
                e.id().equals(registry.defaultExpertId()),
                e.available(),
                e.circuitState(),
                registry.fallbacks(e.id()));
    }
}
