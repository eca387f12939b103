package io.coerouter.router.experts.web;

import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolSnapshot;
import io.coerouter.expert.Tier;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.PoolActivity;
import io.coerouter.router.state.SharedState;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/pool}: this replica's local model pool (what {@code /actuator/modelpool} reads, in the API's own
 * shape), and unloading an idle model from it.
 */
@RestController
class ModelPoolAdminController {

    private static final Logger log = LoggerFactory.getLogger(ModelPoolAdminController.class);

    private final ModelPool pool;
    private final PoolActivity activity;
    private final String replica;

    ModelPoolAdminController(ModelPool pool, PoolActivity activity, SharedState state) {
        this.pool = pool;
        this.activity = activity;
        this.replica = state.replicaId();
    }

    /** The pool of the replica that answers: budgets, models, loads and evictions (per minute over 15 minutes). */
    @Operation(operationId = "getModelPool")
    @GetMapping("/admin/pool")
    ModelPoolView pool() {
        return ModelPoolView.of(replica, pool.snapshot(), activity.series());
    }

    /** Unloads an idle model from this replica's device tier now (404 when not loaded, 409 while in use). */
    @Operation(operationId = "unloadModel")
    @DeleteMapping("/admin/pool/models/{id}")
    ModelUnloaded unload(@PathVariable String id) {
        PoolSnapshot.ModelState model = pool.snapshot().models().stream()
                .filter(m -> m.id().equals(id) && m.tier() == Tier.DEVICE)
                .findFirst()
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND,
                        "Model '" + JsonBodies.echo(id) + "' is not loaded on this replica.",
                        "id",
                        "model_not_loaded"));
        if (model.inUse() > 0 || !pool.evict(id)) {
            throw new RouterException(
                    ErrorKind.CONFLICT,
                    "Model '" + JsonBodies.echo(id) + "' is in use (or loading); try again when it is idle.",
                    "id",
                    "model_in_use");
        }
        log.info("model '{}' unloaded through the admin API", id);
        return ModelUnloaded.of(id);
    }
}
