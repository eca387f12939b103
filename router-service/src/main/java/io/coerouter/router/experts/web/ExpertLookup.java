package io.coerouter.router.experts.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertActivity;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.StoredExpert;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.TreeSet;

/** The expert a path names, stored or registered, or a 404 listing the registered ones. */
final class ExpertLookup {

    private final ExpertRegistry registry;
    private final MeterRegistry meters;

    /** @param meters where this replica's expert calls and queues are counted (shown in the view) */
    ExpertLookup(ExpertRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
    }

    StoredExpert stored(String id) {
        return registry.stored(id).orElseThrow(() -> notFound(id));
    }

    /** The registered expert, as routing calls it. */
    io.coerouter.expert.Expert expert(String id) {
        return registry.find(id).orElseThrow(() -> notFound(id));
    }

    ExpertView view(String id) {
        var entry = registry.entry(id).orElseThrow(() -> notFound(id));
        return ExpertView.of(entry, registry, ExpertActivity.read(meters).getOrDefault(id, ExpertActivity.NONE));
    }

    private RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "No expert '" + JsonBodies.echo(id) + "'. Registered experts: " + new TreeSet<>(registry.ids()) + ".",
                "id",
                "expert_not_found");
    }
}
