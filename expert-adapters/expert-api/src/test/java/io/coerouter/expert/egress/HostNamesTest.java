package io.coerouter.expert.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    @Test
    void normalizesCaseBracketsAndTrailingDots() {
        assertThat(HostNames.normalize(" Example.COM.. ")).isEqualTo("example.com");
        assertThat(HostNames.normalize("[FD00::1]")).isEqualTo("fd00::1");
        assertThat(HostNames.normalize(null)).isEmpty();
    }

    @Test
    void matchesExactHostsAndSubdomainWildcards() {
        Set<String> patterns = Set.of("api.example.com", "*.internal.example");
        assertThat(HostNames.matches(patterns, "api.example.com")).isTrue();
        assertThat(HostNames.matches(patterns, "a.b.internal.example")).isTrue();
        assertThat(HostNames.matches(patterns, "internal.example")).isFalse();
        assertThat(HostNames.matches(patterns, "other.example.com")).isFalse();
    }

    @Test
    void literalsAreDottedQuadsAndIpv6() {
        assertThat(HostNames.isLiteral("10.0.0.1")).isTrue();
        assertThat(HostNames.isLiteral("fd00::1")).isTrue();
        assertThat(HostNames.isLiteral("0x0a.0.0.1")).isFalse();
        assertThat(HostNames.isLiteral("example.com")).isFalse();
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        assertThatThrownBy(() -> HostNames.host(URI.create("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the URL must have a host");
        assertThat(HostNames.host(URI.create("https://API.Example.com./v1"))).isEqualTo("api.example.com");
    }
}
