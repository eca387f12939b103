package io.coerouter.expert.egress;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.egress.EgressPolicy.Origin;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPolicyTest {

    private final EgressPolicy declared = EgressPolicy.defaults();
    private final EgressPolicy admin = EgressPolicy.defaults().forOrigin(Origin.ADMIN);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://Metadata.Google.Internal./",
                "http://[fd00:ec2::254]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:a9fe:a9fe]/",
                "http://2852039166/",
                "http://0xa9fea9fe/",
                "http://0xA9.0xFE.0xA9.0xFE/",
                "http://0251.0376.0251.0376/",
                "http://169.254.43518/",
                "http://169.254.1.1:8080/",
                "http://[fe80::1]/",
                "http://0.0.0.0:8080/",
                "http://0/",
                "http://[::]/",
                "http://224.0.0.1/",
                "http://100.100.100.200/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[64:ff9b:1::a9fe:a9fe]/",
                "http://[2002:a9fe:a9fe::]/",
                "http://[::a9fe:a9fe]/",
                "http://[::ffff:0:a9fe:a9fe]/",
                "http://[2001:0:4136:e378:8000:63bf:5601:5601]/",
                "http://192.0.0.8/",
                "http://198.18.0.1/",
                "http://240.0.0.1/",
                "http://example.com:0/",
                "http://example.com:70000/"
            })
    void metadataLinkLocalUnspecifiedAndOddlyWrittenAddressesAreRefusedForEveryExpert(String url) {
        assertThatThrownBy(() -> declared.checkUrl(URI.create(url))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.checkUrl(URI.create(url))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8000/v1",
                "http://[::1]:11434",
                "http://10.0.0.5/v1",
                "http://192.168.1.20/v1",
                "http://172.16.0.1/v1",
                "http://localhost:8000/v1",
                "http://vllm.localhost/v1"
            })
    void loopbackAndPrivateNetworksAreForDeclaredExpertsOnly(String url) {
        assertThatCode(() -> declared.checkUrl(URI.create(url))).doesNotThrowAnyException();
        assertThatThrownBy(() -> admin.checkUrl(URI.create(url))).hasMessageContaining("loopback or private");
    }

    @Test
    void allowedNetworksOpenPrivateRangesButNeverMetadata() {
        EgressPolicy policy = EgressPolicy.of(List.of("10.0.0.0/8", "169.254.0.0/16"), List.of(), Set.of(), Set.of())
                .forOrigin(Origin.ADMIN);

        assertThatCode(() -> policy.checkUrl(URI.create("http://10.1.2.3/v1"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkUrl(URI.create("http://169.254.10.10/v1")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkUrl(URI.create("http://169.254.169.254/")))
                .hasMessageContaining("metadata");
        assertThatThrownBy(() -> policy.checkUrl(URI.create("http://192.168.0.1/")))
                .hasMessageContaining("private");
    }

    @Test
    void deniedNetworksAndHostsApplyToDeclaredExpertsToo() {
        EgressPolicy policy =
                EgressPolicy.of(List.of(), List.of("203.0.113.0/24"), Set.of(), Set.of("*.internal.example"));

        assertThatThrownBy(() -> policy.checkUrl(URI.create("https://203.0.113.9/v1")))
                .hasMessageContaining("denied-networks");
        assertThatThrownBy(() -> policy.checkUrl(URI.create("https://llm.internal.example/v1")))
                .hasMessageContaining("denied-hosts");
        assertThatCode(() -> policy.checkUrl(URI.create("https://api.openai.com/v1")))
                .doesNotThrowAnyException();
    }

    @Test
    void allowedHostsLimitAdminCreatedExperts() {
        EgressPolicy policy = EgressPolicy.of(List.of(), List.of(), Set.of("api.openai.com", "*.azure.com"), Set.of());

        assertThatCode(() -> policy.forOrigin(Origin.ADMIN).checkUrl(URI.create("https://x.openai.azure.com/")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.forOrigin(Origin.ADMIN).checkUrl(URI.create("https://evil.example/")))
                .hasMessageContaining("allowed-hosts");
        assertThatCode(() -> policy.checkUrl(URI.create("https://evil.example/")))
                .doesNotThrowAnyException();
    }

    @Test
    void aNameIsCheckedOnWhatItResolvesToAtEveryConnectionSoRebindingIsRefused() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        EgressPolicy rebinding = declared.withResolver(host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                : new InetAddress[] {InetAddress.getByName("169.254.169.254")});

        rebinding.checkUrl(URI.create("https://provider.example/v1")); // a name passes at creation, unresolved
        rebinding.checkHost("provider.example"); // first connection: a public address
        assertThatThrownBy(() -> rebinding.checkHost("provider.example")) // then it points at the metadata service
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void aNameResolvingToAnyRefusedAddressIsRefused() throws Exception {
        EgressPolicy policy = admin.withResolver(
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")});

        assertThatThrownBy(() -> policy.checkHost("localhost.example")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void anUnresolvableNameIsRefused() {
        EgressPolicy policy = declared.withResolver(host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> policy.checkHost("nowhere.example")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void aNetworkThatIsNotOneIsRefusedNamingIt() {
        assertThatThrownBy(() -> EgressPolicy.of(List.of("intranet"), List.of(), Set.of(), Set.of()))
                .hasMessageContaining("'intranet'");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[::127.0.0.1]/",
                "http://[::ffff:0:127.0.0.1]/",
                "http://[64:ff9b::127.0.0.1]/",
                "http://[64:ff9b::a00:5]/",
                "http://[2002:c0a8:0101::1]/"
            })
    void ipv6FormsEmbeddingALoopbackOrPrivateIpv4AddressAreRefusedForAdminCreatedExperts(String url) {
        assertThatThrownBy(() -> admin.checkUrl(URI.create(url)))
                .hasMessageContaining("embeds")
                .hasMessageContaining("loopback or private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://192.0.2.1/v1", "http://198.51.100.7/v1", "http://203.0.113.9/v1"})
    void documentationNetworksAreRefusedForAdminCreatedExpertsUnlessAllowed(String url) {
        EgressPolicy allowing = EgressPolicy.of(
                        List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"), List.of(), Set.of(), Set.of())
                .forOrigin(Origin.ADMIN);

        assertThatThrownBy(() -> admin.checkUrl(URI.create(url))).hasMessageContaining("documentation");
        assertThatCode(() -> allowing.checkUrl(URI.create(url))).doesNotThrowAnyException();
        assertThatCode(() -> declared.checkUrl(URI.create(url))).doesNotThrowAnyException();
    }

    @Test
    void aPublicIpv6AddressOrANat64OfAPublicIpv4AddressIsAllowed() {
        assertThatCode(() -> admin.checkUrl(URI.create("http://[2606:4700::6810:84e5]/v1")))
                .doesNotThrowAnyException();
        assertThatCode(() -> admin.checkUrl(URI.create("http://[64:ff9b::808:808]/v1")))
                .doesNotThrowAnyException();
    }
}
