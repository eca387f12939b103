package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.ArrayList;
import java.util.List;

/** Looks up the experts an admin request names. */
public final class ExpertSelection {

    private ExpertSelection() {}

    /** The named experts, or every registered one when {@code ids} is null. */
    public static List<Expert> select(ExpertRegistry registry, List<String> ids) {
        if (ids == null) {
            return List.copyOf(registry.all());
        }
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            experts.add(one(registry, ids.get(i), "experts[" + i + "]"));
        }
        return experts;
    }

    public static Expert one(ExpertRegistry registry, String id, String param) {
        return registry.find(id)
                .orElseThrow(() -> RouterException.invalid(
                        param,
                        "unknown_expert",
                        "No expert '" + JsonBodies.echo(id) + "'. Configured experts: "
                                + registry.all().stream().map(Expert::id).toList() + "."));
    }
}
