package io.coerouter.router.chat.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertState;
import io.coerouter.router.security.KeyAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code GET /v1/models}: {@code coe} and every registered expert the request's key may call, as OpenAI lists models.
 * A model the key may not call is not listed, and {@code GET /v1/models/{id}} answers 404 for it, as if it did not
 * exist (the key cannot call it in any case).
 */
@RestController
public class ModelsController {

    /**
     * One model.
     *
     * @param ownedBy {@code coe-router} for the router itself, else the expert's adapter
     */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}

    /** The list. */
    public record ModelList(String object, List<Model> data) {}

    private final ExpertRegistry registry;
    private final long started;

    public ModelsController(ExpertRegistry registry, Clock clock) {
        this.registry = registry;
        this.started = clock.instant().getEpochSecond();
    }

    @Operation(operationId = "listModels")
    @GetMapping("/v1/models")
    public ModelList models(HttpServletRequest request) {
        List<Model> models = new ArrayList<>();
        if (KeyAccess.mayCall(request, ExpertConfig.RESERVED_ID)) {
            models.add(new Model(ExpertConfig.RESERVED_ID, "model", started, "coe-router"));
        }
        for (var entry : registry.entries()) {
            // A disabled or draining expert takes no calls, so clients are not offered it; nor one the key may not
            // call.
            if (entry.state() == ExpertState.ENABLED
                    && KeyAccess.mayCall(request, entry.expert().id())) {
                Expert expert = entry.expert();
                models.add(
                        new Model(expert.id(), "model", started, expert.config().adapter()));
            }
        }
        return new ModelList("list", models);
    }

    /** One model by id; ids may contain '/', hence the wildcard. */
    @Operation(operationId = "retrieveModel")
    @GetMapping("/v1/models/**")
    public Model model(HttpServletRequest request) {
        // The decoded path, as dispatched (the security firewall has refused ambiguous spellings).
        String id =
                UrlPathHelper.defaultInstance.getPathWithinApplication(request).substring("/v1/models/".length());
        return models(request).data().stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND,
                        "The model '" + JsonBodies.echo(id) + "' does not exist.",
                        "model",
                        "model_not_found"));
    }
}
