package io.coerouter.router.admin;

import io.coerouter.expert.CircuitOverride;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertJson;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertState;
import io.coerouter.router.experts.InvalidExpertException;
import io.coerouter.router.experts.StoredExpert;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /admin/experts}: the expert registry. Create, replace, patch and delete experts (checked as the
 * configuration is: a known adapter, an http(s) endpoint, positive limits); enable, disable or drain them; force
 * their circuits. Every change goes to the shared store and reaches every replica. The API key's environment
 * variable is write-only: no answer shows it, only whether one is set.
 */
@RestController
class ExpertsAdminController {

    private static final Logger log = LoggerFactory.getLogger(ExpertsAdminController.class);

    private static final Map<String, CircuitOverride> OVERRIDES = Map.of(
            "forced_open", CircuitOverride.FORCED_OPEN,
            "forced_closed", CircuitOverride.FORCED_CLOSED,
            "automatic", CircuitOverride.AUTOMATIC);

    private final ExpertRegistry registry;
    private final AdminContext admin;

    ExpertsAdminController(ExpertRegistry registry, AdminContext admin) {
        this.registry = registry;
        this.admin = admin;
    }

    @Operation(operationId = "listExperts")
    @GetMapping("/admin/experts")
    Map<String, Object> list() {
        List<Map<String, Object>> data = new java.util.ArrayList<>(
                registry.entries().stream().map(this::view).toList());
        registry.broken().forEach((id, reason) -> data.add(brokenView(id, reason)));
        return Map.of("object", "list", "data", data);
    }

    @Operation(operationId = "getExpert")
    @GetMapping("/admin/experts/{id}")
    Map<String, Object> get(@PathVariable String id) {
        String reason = registry.entry(id).isEmpty() ? registry.broken().get(id) : null;
        return reason != null ? brokenView(id, reason) : view(entry(id));
    }

    /** Adds an expert; 409 when the id is taken. */
    @Operation(operationId = "createExpert")
    @PostMapping("/admin/experts")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) byte[] body) {
        ExpertProperties definition = checked(read(body), null);
        if (!registry.write(new StoredExpert(definition, ExpertState.ENABLED, StoredExpert.ADMIN), true)) {
            throw new RouterException(
                    ErrorKind.CONFLICT,
                    "An expert '" + definition.id() + "' exists; replace it with PUT /admin/experts/" + definition.id()
                            + " or change it with PATCH.",
                    "id",
                    "expert_exists");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view(entry(definition.id())));
    }

    /**
     * Creates or replaces the expert {@code id}; a replaced one keeps its state (enabled, disabled, draining) and a
     * forced circuit.
     */
    @Operation(operationId = "replaceExpert")
    @PutMapping("/admin/experts/{id}")
    ResponseEntity<Map<String, Object>> replace(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        ExpertProperties definition = checked(read(body), id);
        var existing = registry.stored(id);
        ExpertState state = existing.map(StoredExpert::state).orElse(ExpertState.ENABLED);
        registry.write(
                new StoredExpert(
                        definition,
                        state,
                        StoredExpert.ADMIN,
                        existing.map(StoredExpert::circuit).orElse(null)),
                false);
        return ResponseEntity.status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(view(entry(id)));
    }

    /** Changes the fields the body names; a field set to null goes back to its default. */
    @Operation(operationId = "updateExpert")
    @PatchMapping("/admin/experts/{id}")
    Map<String, Object> patch(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        StoredExpert existing = stored(id);
        JsonNode patch = read(body);
        ObjectNode merged;
        try {
            merged = ExpertJson.merge(ExpertJson.write(existing.definition()), patch);
        } catch (InvalidExpertException e) {
            throw RouterException.invalid(e.param(), e.code(), e.getMessage());
        }
        ExpertProperties definition = checked(merged, id);
        requireRestatedKey(existing.definition(), definition, patch);
        registry.write(new StoredExpert(definition, existing.state(), StoredExpert.ADMIN, existing.circuit()), false);
        return view(entry(id));
    }

    /**
     * Removes an expert. Refused while a setting or another expert's fallbacks name it, and for experts declared in
     * {@code coe.experts} (the next start would declare them again: disable those, or remove them from the
     * configuration).
     */
    @Operation(operationId = "deleteExpert")
    @DeleteMapping("/admin/experts/{id}")
    Map<String, Object> delete(@PathVariable String id) {
        if (registry.stored(id).isEmpty() && registry.broken().containsKey(id)) {
            // A broken entry serves nothing and nothing can depend on it: it can always go.
            registry.delete(id);
            return Map.of("id", id, "object", "coe.expert.deleted", "deleted", true);
        }
        StoredExpert existing = stored(id);
        registry.pinnedBy(id).ifPresent(setting -> {
            throw inUse(id, "it is named by " + setting + "; change that setting first.");
        });
        List<String> dependants = registry.fallingBackTo(id);
        if (!dependants.isEmpty()) {
            throw inUse(id, "it is a fallback of " + dependants + "; remove it from their fallbacks first.");
        }
        if (existing.source().equals(StoredExpert.CONFIG)) {
            throw inUse(
                    id,
                    "it is declared in coe.experts, which would declare it again at the next start; disable it"
                            + " (POST /admin/experts/" + id + "/disable) or remove it from the configuration.");
        }
        registry.delete(id);
        return Map.of("id", id, "object", "coe.expert.deleted", "deleted", true);
    }

    @Operation(operationId = "enableExpert")
    @PostMapping("/admin/experts/{id}/enable")
    Map<String, Object> enable(@PathVariable String id) {
        return state(id, ExpertState.ENABLED);
    }

    @Operation(operationId = "disableExpert")
    @PostMapping("/admin/experts/{id}/disable")
    Map<String, Object> disable(@PathVariable String id) {
        return state(id, ExpertState.DISABLED);
    }

    /** Stops new calls to the expert; its answer shows {@code in_flight} and {@code drained} once they are done. */
    @Operation(operationId = "drainExpert")
    @PostMapping("/admin/experts/{id}/drain")
    Map<String, Object> drain(@PathVariable String id) {
        return state(id, ExpertState.DRAINING);
    }

    /**
     * Forces an expert's circuit open ({@code forced_open}: routing passes it by and calls by name fail over) or
     * closed ({@code forced_closed}: every call goes through), or hands it back to the breaker ({@code automatic}).
     */
    @Operation(operationId = "setExpertCircuit")
    @PostMapping("/admin/experts/{id}/circuit")
    Map<String, Object> circuit(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        Expert expert = AdminExperts.one(registry, id, "id");
        JsonNode request = admin.body(body, Set.of("state"));
        String state = AdminBodies.string(request, "state", true);
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
        return view(entry(id));
    }

    private Map<String, Object> state(String id, ExpertState state) {
        StoredExpert existing = stored(id);
        if (existing.state() != state) {
            registry.write(existing.withState(state), false);
        }
        return view(entry(id));
    }

    private JsonNode read(byte[] body) {
        return AdminBodies.object(admin.json(), body == null ? new byte[0] : body);
    }

    /** The definition in {@code json}, checked as the configuration would be, with the id the path names. */
    private ExpertProperties checked(JsonNode json, String pathId) {
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
            return checked(ExpertJson.merge(ExpertJson.write(definition), idNode(pathId)), pathId);
        }
        if (pathId != null && !pathId.equals(definition.id())) {
            throw RouterException.invalid(
                    "id",
                    "invalid_value",
                    "The body's id '" + definition.id() + "' differs from the path's '" + pathId
                            + "'; an expert cannot be renamed (create the new one, then delete the old).");
        }
        if (ExpertConfig.RESERVED_ID.equals(definition.id())) {
            throw RouterException.invalid(
                    "id", "invalid_value", "The id '" + ExpertConfig.RESERVED_ID + "' is the router's own model.");
        }
        URI baseUrl = definition.baseUrl();
        if (baseUrl != null
                && (baseUrl.getHost() == null
                        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
            throw RouterException.invalid(
                    "base_url",
                    "invalid_value",
                    "base_url must be an http(s) URL with a host, but was '" + JsonBodies.echo(String.valueOf(baseUrl))
                            + "'.");
        }
        for (String fallback : definition.fallbacks()) {
            if (fallback.equals(definition.id()) || !registry.ids().contains(fallback)) {
                throw RouterException.invalid(
                        "fallbacks",
                        "invalid_value",
                        "fallbacks must name other registered experts " + new TreeSet<>(registry.ids())
                                + ", but named '" + JsonBodies.echo(fallback) + "'.");
            }
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
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    /** A stored entry that cannot be read: its id, and why. */
    private static Map<String, Object> brokenView(String id, String reason) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.expert");
        v.put("id", id);
        v.put("state", "broken");
        v.put("reason", reason);
        v.put("available", false);
        return v;
    }

    private ObjectNode idNode(String id) {
        ObjectNode node = admin.json().createObjectNode();
        node.put("id", id);
        return node;
    }

    private StoredExpert stored(String id) {
        return registry.stored(id).orElseThrow(() -> notFound(id));
    }

    private ExpertRegistry.Entry entry(String id) {
        return registry.entry(id).orElseThrow(() -> notFound(id));
    }

    private RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "No expert '" + JsonBodies.echo(id) + "'. Registered experts: " + new TreeSet<>(registry.ids()) + ".",
                "id",
                "expert_not_found");
    }

    private static RouterException inUse(String id, String why) {
        return new RouterException(
                ErrorKind.CONFLICT, "Expert '" + id + "' cannot be deleted: " + why, "id", "expert_in_use");
    }

    /** One expert as the admin API shows it: never the API key's variable, only whether one is set. */
    private Map<String, Object> view(ExpertRegistry.Entry entry) {
        Expert e = entry.expert();
        ExpertConfig config = e.config();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.expert");
        v.put("id", e.id());
        v.put("adapter", config.adapter());
        v.put("model", config.model() != null ? config.model() : config.modelPath());
        v.put("max_concurrency", config.maxConcurrency());
        v.put("default", e.id().equals(registry.defaultExpertId()));
        v.put("state", entry.state().apiName());
        v.put("source", entry.stored().source());
        v.put("available", e.available());
        v.put("circuit", e.circuitState());
        v.put("in_flight", entry.inFlight());
        if (entry.state() == ExpertState.DRAINING) {
            v.put("drained", entry.inFlight() == 0);
        }
        v.put("fallbacks", registry.fallbacks(e.id()));
        v.put("has_api_key", config.apiKeyEnv() != null);
        ObjectNode definition = ExpertJson.write(entry.stored().definition());
        definition.remove(ExpertJson.API_KEY_FIELD);
        v.put("definition", definition);
        return v;
    }
}
