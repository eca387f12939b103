package io.coerouter.router.experts.web;

import io.coerouter.expert.CircuitOverride;
import io.coerouter.expert.Expert;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertState;
import io.coerouter.router.experts.StoredExpert;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /admin/experts/{id}/...}: enable, disable or drain an expert, or force its circuit. Stored, so every replica
 * (and a rebuilt expert) does the same.
 */
@RestController
class ExpertStatesController {

    private static final Logger log = LoggerFactory.getLogger(ExpertsAdminController.class);

    /** The circuit settings by their API names: {@code forced_open}, {@code forced_closed}, {@code automatic}. */
    private static final Map<String, CircuitOverride> OVERRIDES = Arrays.stream(CircuitOverride.values())
            .collect(Collectors.toUnmodifiableMap(o -> o.name().toLowerCase(Locale.ROOT), Function.identity()));

    private final ExpertRegistry registry;
    private final JsonMapper json;
    private final ExpertLookup lookup;

    ExpertStatesController(ExpertRegistry registry, JsonMapper json, MeterRegistry meters) {
        this.registry = registry;
        this.json = json;
        this.lookup = new ExpertLookup(registry, meters);
    }

    @Operation(operationId = "enableExpert")
    @PostMapping("/admin/experts/{id}/enable")
    ExpertView enable(@PathVariable String id) {
        return state(id, ExpertState.ENABLED);
    }

    @Operation(operationId = "disableExpert")
    @PostMapping("/admin/experts/{id}/disable")
    ExpertView disable(@PathVariable String id) {
        return state(id, ExpertState.DISABLED);
    }

    /** Stops new calls to the expert; its answer shows {@code in_flight} and {@code drained} once they are done. */
    @Operation(operationId = "drainExpert")
    @PostMapping("/admin/experts/{id}/drain")
    ExpertView drain(@PathVariable String id) {
        return state(id, ExpertState.DRAINING);
    }

    /**
     * Forces an expert's circuit open ({@code forced_open}: routing passes it by and calls by name fail over) or
     * closed ({@code forced_closed}: every call goes through), or hands it back to the breaker ({@code automatic}).
     */
    @Operation(operationId = "setExpertCircuit")
    @PostMapping("/admin/experts/{id}/circuit")
    ExpertView circuit(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        Expert expert = registry.find(id)
                .orElseThrow(() -> RouterException.invalid(
                        "id",
                        "unknown_expert",
                        "No expert '" + JsonBodies.echo(id) + "'. Configured experts: "
                                + registry.all().stream().map(Expert::id).toList() + "."));
        String state = BodyFields.string(BodyFields.object(json, body, Set.of("state")), "state", true);
        CircuitOverride override = OVERRIDES.get(state);
        if (override == null) {
            throw RouterException.invalid(
                    "state",
                    "invalid_value",
                    "state must be one of " + new TreeSet<>(OVERRIDES.keySet()) + ", but was '" + JsonBodies.echo(state)
                            + "'.");
        }
        if (!expert.overrideCircuit(override)) {
            throw new RouterException(
                    ErrorKind.CONFLICT,
                    "Expert '" + id + "' has no circuit breaker (local experts, or resilience.circuit-breaker: false).",
                    "id",
                    "no_circuit_breaker");
        }
        // Stored too, so every replica (and a rebuilt expert) forces the same.
        registry.stored(id).ifPresent(stored -> registry.write(stored.withCircuit(override), false));
        log.warn("circuit of expert '{}' set to {} through the admin API", id, state);
        return lookup.view(id);
    }

    private ExpertView state(String id, ExpertState state) {
        StoredExpert existing = lookup.stored(id);
        if (existing.state() != state) {
            registry.write(existing.withState(state), false);
        }
        return lookup.view(id);
    }
}
