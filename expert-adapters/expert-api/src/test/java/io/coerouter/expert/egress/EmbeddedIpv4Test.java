package io.coerouter.expert.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedIpv4Test {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::a9fe:a9fe",
                "2002:a9fe:a9fe::",
                "::a9fe:a9fe",
                "::ffff:0:a9fe:a9fe",
                "2001:0:4136:e378:8000:63bf:5601:5601"
            })
    void findsTheIpv4AddressEachTranslationCarries(String ipv6) throws Exception {
        assertThat(EmbeddedIpv4.of(InetAddress.getByName(ipv6))).isEqualTo(InetAddress.getByName("169.254.169.254"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "fe80::1", "2606:4700::1111", "64:ff9b:2::a9fe:a9fe"})
    void findsNoneInOtherIpv6Addresses(String ipv6) throws Exception {
        assertThat(EmbeddedIpv4.of(InetAddress.getByName(ipv6))).isNull();
    }

    @Test
    void findsNoneInAnIpv4Address() throws Exception {
        assertThat(EmbeddedIpv4.of(InetAddress.getByName("10.0.0.1"))).isNull();
    }
}
