package io.coerouter.router.experts.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.StoredExpert;
import java.util.TreeSet;

/** The expert a path names, stored or registered, or a 404 listing the registered ones. */
final class ExpertLookup {

    private final ExpertRegistry registry;

    ExpertLookup(ExpertRegistry registry) {
        this.registry = registry;
    }

    StoredExpert stored(String id) {
        return registry.stored(id).orElseThrow(() -> notFound(id));
    }

    /** The registered expert, as routing calls it. */
    io.coerouter.expert.Expert expert(String id) {
        return registry.find(id).orElseThrow(() -> notFound(id));
    }

    ExpertView view(String id) {
        return ExpertView.of(registry.entry(id).orElseThrow(() -> notFound(id)), registry);
    }

    private RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "No expert '" + JsonBodies.echo(id) + "'. Registered experts: " + new TreeSet<>(registry.ids()) + ".",
                "id",
                "expert_not_found");
    }
}
