package io.coerouter.router.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.Expert;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertStore;
import io.coerouter.router.experts.web.ExpertJson;
import io.coerouter.router.state.StateEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import tools.jackson.databind.json.JsonMapper;

/** How a warm-up reports the way it ended: a timeout only when its time ran out, a failure as a failure. */
class WarmupTest {

    private static Warmup warmup(int requests, Duration timeout) {
        ExpertRegistry registry = ExpertRegistry.start(
                List.of(ExpertJson.read(
                        JsonMapper.builder().build().readTree("{\"id\":\"echo\",\"adapter\":\"echo\"}"))),
                null,
                ExpertStore.inMemory(),
                StateEvents.local(),
                p -> Expert.of(p.toConfig()));
        return Warmup.of(
                new WarmupConfig(true, requests, timeout, false),
                registry,
                WarmupPass.closed(),
                new SimpleMeterRegistry(),
                new ApplicationAvailabilityBean(),
                Clock.systemUTC());
    }

    @Test
    void aWarmUpStoppedByAnInterruptReportsTheFailureNotATimeout() throws Exception {
        Warmup warmup = warmup(300, Duration.ofMinutes(1));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.currentThread().interrupt();
            try {
                warmup.run("127.0.0.1", silent.getLocalPort());
            } finally {
                Thread.interrupted(); // the flag the warm-up set again
            }
        }

        Warmup.Report report = warmup.report();
        assertThat(report.ran()).isTrue();
        assertThat(report.answered()).isZero();
        assertThat(report.sent()).isLessThan(300);
        assertThat(report.timedOut()).isFalse();
    }

    @Test
    void aWarmUpWhoseRouterNeverAnswersStopsAtItsTimeoutAndSaysSo() throws Exception {
        Warmup warmup = warmup(300, Duration.ofMillis(500));
        // Connections are accepted by the kernel (the backlog) and never answered.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            warmup.run("127.0.0.1", silent.getLocalPort());
        }

        Warmup.Report report = warmup.report();
        assertThat(report.answered()).isZero();
        assertThat(report.sent()).isLessThan(300);
        assertThat(report.timedOut()).isTrue();
    }
}
