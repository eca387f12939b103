package io.coerouter.router.scheduling;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.CoeRouterApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An unknown scheduling policy stops the start-up with a message naming the property and the allowed values. */
class SchedulerPolicyStartupIT {

    @Test
    void anUnknownPolicyIsNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CoeRouterApplication.class)
                        .properties("server.port=0")
                        .run("--coe.scheduler.policy=lifo")
                        .close())
                .hasRootCauseMessage(
                        "coe.scheduler.policy must be one of swap-aware, fcfs, group-by-model, but was 'lifo'");
    }
}
