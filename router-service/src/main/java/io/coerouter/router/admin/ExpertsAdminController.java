package io.coerouter.router.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.expert.Expert;
import io.coerouter.router.experts.ExpertRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/experts}: each expert's adapter, limits and health (whether routing may use it, and its circuit
 * state), without secrets: the API key's environment variable name is shown, never its value.
 */
@RestController
class ExpertsAdminController {

    private final ExpertRegistry registry;

    ExpertsAdminController(ExpertRegistry registry) {
        this.registry = registry;
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
