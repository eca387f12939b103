package io.coerouter.router.telemetry.web;

import io.coerouter.router.telemetry.LiveMetrics;
import io.coerouter.router.telemetry.ReplicaRegistry;
import io.coerouter.router.telemetry.Window;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/overview}: the console's overview, live figures summed over every replica. */
@RestController
class OverviewController {

    private final LiveMetrics metrics;
    private final ReplicaRegistry replicas;

    OverviewController(LiveMetrics metrics, ReplicaRegistry replicas) {
        this.metrics = metrics;
        this.replicas = replicas;
    }

    /**
     * The replicas and the last {@code window} ({@code 15m} or {@code 1h}) of requests, errors, latency, tokens, cost
     * and model loads and swaps, per minute and in total.
     */
    @Operation(operationId = "getOverview")
    @GetMapping("/admin/overview")
    OverviewView overview(
            @Parameter(description = "15m (default) or 1h") @RequestParam(name = "window", required = false)
                    String window) {
        Window parsed = Window.parse(window, "window");
        return OverviewView.of(replicas.id(), replicas.list(), metrics.overview(parsed));
    }
}
