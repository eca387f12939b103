package io.coerouter.router.dispatch.web;

import io.coerouter.router.dispatch.ClusterNode;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.RegisteredExpert;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/cluster}: gateways, workers with their residency, and the local experts' queues, read from the
 * shared store (any replica answers the same); a single process (role {@code all}) answers with its role only.
 */
@RestController
class ClusterController {

    private final ClusterNode node;
    private final ExpertRegistry registry;

    ClusterController(ClusterNode node, ExpertRegistry registry) {
        this.node = node;
        this.registry = registry;
    }

    @Operation(operationId = "getCluster")
    @GetMapping("/admin/cluster")
    ClusterStatusView cluster() {
        List<String> local = registry.entries().stream()
                .filter(RegisteredExpert::local)
                .map(e -> e.expert().id())
                .toList();
        return ClusterStatusView.of(node.view(local));
    }
}
