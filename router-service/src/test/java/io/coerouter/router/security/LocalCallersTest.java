package io.coerouter.router.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCallersTest {

    private final LocalCallers callers = LocalCallers.of(List.of("router.internal", ".svc.cluster.local"));

    @Test
    void localhostAddressesAndAllowedNamesAreServed() {
        for (String host : List.of(
                "localhost",
                "LOCALHOST.",
                "app.localhost",
                "127.0.0.1",
                "10.1.2.3",
                "[::1]",
                "router.internal",
                "coe.default.svc.cluster.local")) {
            assertThat(callers.hostAllowed(host)).as(host).isTrue();
        }
    }

    @Test
    void otherHostNamesAreRefusedAsPossibleDnsRebinding() {
        for (String host : List.of("attacker.example", "localhost.attacker.example", "router.internal.evil", "", "x")) {
            assertThat(callers.hostAllowed(host)).as(host).isFalse();
        }
        assertThat(callers.refusal("evil.example", 8080, "http", null, null)).contains(LocalCallers.Refusal.HOST);
    }

    @Test
    void anOriginOtherThanTheRoutersOwnIsRefused() {
        assertThat(callers.refusal("localhost", 8080, "http", "http://evil.example", null))
                .contains(LocalCallers.Refusal.CROSS_ORIGIN);
        assertThat(callers.refusal("localhost", 8080, "http", "http://localhost:9090", null))
                .contains(LocalCallers.Refusal.CROSS_ORIGIN);
        assertThat(callers.refusal("localhost", 8080, "http", "null", null))
                .contains(LocalCallers.Refusal.CROSS_ORIGIN);
        assertThat(callers.refusal("localhost", 8080, "http", "http://localhost:8080", null))
                .isEmpty();
        assertThat(callers.refusal("localhost", 80, "http", "http://localhost", null))
                .isEmpty();
    }

    @Test
    void fetchMetadataOfAnotherSiteIsRefused() {
        assertThat(callers.refusal("localhost", 8080, "http", null, "cross-site"))
                .contains(LocalCallers.Refusal.CROSS_ORIGIN);
        assertThat(callers.refusal("localhost", 8080, "http", null, "same-site"))
                .contains(LocalCallers.Refusal.CROSS_ORIGIN);
        assertThat(callers.refusal("localhost", 8080, "http", null, "same-origin"))
                .isEmpty();
        assertThat(callers.refusal("localhost", 8080, "http", null, "none")).isEmpty();
    }
}
