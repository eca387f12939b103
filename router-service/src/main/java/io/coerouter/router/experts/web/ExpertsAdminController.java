package io.coerouter.router.experts.web;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertActivity;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertSource;
import io.coerouter.router.experts.ExpertState;
import io.coerouter.router.experts.StoredExpert;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /admin/experts}: the expert registry. Create, replace, patch and delete experts (checked as the
 * configuration is: a known adapter, an http(s) endpoint, positive limits); {@link ExpertStatesController} enables,
 * disables, drains them and forces their circuits. Every change goes to the shared store and reaches every replica.
 * The API key's environment variable is write-only: no answer shows it, only whether one is set.
 */
@RestController
class ExpertsAdminController {

    private final ExpertRegistry registry;
    private final JsonMapper json;
    private final ExpertDefinitionReader definitions;
    private final ExpertLookup lookup;
    private final MeterRegistry meters;

    ExpertsAdminController(ExpertRegistry registry, JsonMapper json, MeterRegistry meters) {
        this.registry = registry;
        this.json = json;
        this.definitions = new ExpertDefinitionReader(registry);
        this.lookup = new ExpertLookup(registry, meters);
        this.meters = meters;
    }

    @Operation(operationId = "listExperts")
    @GetMapping("/admin/experts")
    ExpertList list() {
        List<ExpertResource> data = new ArrayList<>();
        Map<String, ExpertActivity> activity = ExpertActivity.read(meters);
        registry.entries()
                .forEach(e -> data.add(ExpertView.of(
                        e, registry, activity.getOrDefault(e.expert().id(), ExpertActivity.NONE))));
        registry.broken().forEach((id, reason) -> data.add(BrokenExpertView.of(id, reason)));
        return ExpertList.of(data);
    }

    @Operation(
            operationId = "getExpert",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "OK",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(anyOf = {ExpertView.class, BrokenExpertView.class}))))
    @GetMapping("/admin/experts/{id}")
    ExpertResource get(@PathVariable String id) {
        String reason = registry.entry(id).isEmpty() ? registry.broken().get(id) : null;
        return reason != null ? BrokenExpertView.of(id, reason) : lookup.view(id);
    }

    /** Adds an expert; 409 when the id is taken. */
    @Operation(operationId = "createExpert")
    @PostMapping("/admin/experts")
    ResponseEntity<ExpertView> create(@RequestBody(required = false) byte[] body) {
        ExpertProperties definition = definitions.checked(BodyFields.object(json, body), null);
        if (!registry.write(new StoredExpert(definition, ExpertState.ENABLED, ExpertSource.ADMIN), true)) {
            throw new RouterException(
                    ErrorKind.CONFLICT,
                    "An expert '" + definition.id() + "' exists; replace it with PUT /admin/experts/" + definition.id()
                            + " or change it with PATCH.",
                    "id",
                    "expert_exists");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(lookup.view(definition.id()));
    }

    /**
     * Creates or replaces the expert {@code id}; a replaced one keeps its state (enabled, disabled, draining) and a
     * forced circuit.
     */
    @Operation(operationId = "replaceExpert")
    @PutMapping("/admin/experts/{id}")
    ResponseEntity<ExpertView> replace(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        ExpertProperties definition = definitions.checked(BodyFields.object(json, body), id);
        var existing = registry.stored(id);
        ExpertState state = existing.map(StoredExpert::state).orElse(ExpertState.ENABLED);
        registry.write(
                new StoredExpert(
                        definition,
                        state,
                        ExpertSource.ADMIN,
                        existing.map(StoredExpert::circuit).orElse(null)),
                false);
        return ResponseEntity.status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(lookup.view(id));
    }

    /** Changes the fields the body names; a field set to null goes back to its default. */
    @Operation(operationId = "updateExpert")
    @PatchMapping("/admin/experts/{id}")
    ExpertView patch(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        StoredExpert existing = lookup.stored(id);
        JsonNode patch = BodyFields.object(json, body);
        ExpertProperties definition = definitions.patched(existing.definition(), patch, id);
        registry.write(new StoredExpert(definition, existing.state(), ExpertSource.ADMIN, existing.circuit()), false);
        return lookup.view(id);
    }

    /**
     * Removes an expert. Refused while a setting or another expert's fallbacks name it, and for experts declared in
     * {@code coe.experts} (the next start would declare them again: disable those, or remove them from the
     * configuration).
     */
    @Operation(operationId = "deleteExpert")
    @DeleteMapping("/admin/experts/{id}")
    ExpertDeleted delete(@PathVariable String id) {
        if (registry.stored(id).isEmpty() && registry.broken().containsKey(id)) {
            // A broken entry serves nothing and nothing can depend on it: it can always go.
            registry.delete(id);
            return ExpertDeleted.of(id);
        }
        StoredExpert existing = lookup.stored(id);
        registry.pinnedBy(id).ifPresent(setting -> {
            throw inUse(id, "it is named by " + setting + "; change that setting first.");
        });
        List<String> dependants = registry.fallingBackTo(id);
        if (!dependants.isEmpty()) {
            throw inUse(id, "it is a fallback of " + dependants + "; remove it from their fallbacks first.");
        }
        if (existing.source() == ExpertSource.CONFIG || registry.declares(id)) {
            throw inUse(
                    id,
                    "it is declared in coe.experts, which would declare it again at the next start; disable it"
                            + " (POST /admin/experts/" + id + "/disable) or remove it from the configuration.");
        }
        registry.delete(id);
        return ExpertDeleted.of(id);
    }

    private static RouterException inUse(String id, String why) {
        return new RouterException(
                ErrorKind.CONFLICT, "Expert '" + id + "' cannot be deleted: " + why, "id", "expert_in_use");
    }
}
