package io.coerouter.router.experts;

import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolSnapshot;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code GET /actuator/modelpool}: which local models are loaded, from which tier, with budgets and counts. {@code
 * DELETE /actuator/modelpool/{expert}} unloads an idle model now.
 */
@Endpoint(id = "modelpool")
public class ModelPoolEndpoint {

    private final ModelPool pool;

    public ModelPoolEndpoint(ModelPool pool) {
        this.pool = pool;
    }

    @ReadOperation
    public PoolSnapshot snapshot() {
        return pool.snapshot();
    }

    @DeleteOperation
    public Map<String, Object> evict(@Selector String expert) {
        return Map.of("expert", expert, "evicted", pool.evict(expert));
    }
}
