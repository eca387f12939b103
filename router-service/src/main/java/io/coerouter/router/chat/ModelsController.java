package io.coerouter.router.chat;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.router.error.ApiException;
import io.coerouter.router.experts.ExpertRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: {@code coe} and every registered expert, as OpenAI lists models. */
@RestController
public class ModelsController {

    /**
     * One model.
     *
     * @param ownedBy {@code coe-router} for the router itself, else the expert's adapter
     */
    public record Model(
            String id,
            String object,
            long created,
            @com.fasterxml.jackson.annotation.JsonProperty("owned_by") String ownedBy) {}

    /** The list. */
    public record ModelList(String object, List<Model> data) {}

    private final ExpertRegistry registry;
    private final long started;

    public ModelsController(ExpertRegistry registry, Clock clock) {
        this.registry = registry;
        this.started = clock.instant().getEpochSecond();
    }

    @GetMapping("/v1/models")
    public ModelList models() {
        List<Model> models = new ArrayList<>();
        models.add(new Model(ExpertConfig.RESERVED_ID, "model", started, "coe-router"));
        for (var entry : registry.entries()) {
            // A disabled or draining expert takes no calls, so clients are not offered it.
            if (entry.state() == io.coerouter.router.experts.ExpertState.ENABLED) {
                Expert expert = entry.expert();
                models.add(
                        new Model(expert.id(), "model", started, expert.config().adapter()));
            }
        }
        return new ModelList("list", models);
    }

    /** One model by id; ids may contain '/', hence the wildcard. */
    @GetMapping("/v1/models/**")
    public Model model(HttpServletRequest request) {
        String id = request.getRequestURI().substring("/v1/models/".length());
        return models().data().stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        ApiException.INVALID_REQUEST,
                        "The model '" + id + "' does not exist.",
                        "model",
                        "model_not_found"));
    }
}
