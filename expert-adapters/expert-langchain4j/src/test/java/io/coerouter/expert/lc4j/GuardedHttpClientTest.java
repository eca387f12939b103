package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.egress.EgressPolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The egress policy as a real adapter applies it: before every call, on what the host resolves to then. */
class GuardedHttpClientTest {

    @Test
    void anAdapterCallToAHostThatResolvesToAMetadataAddressIsRefusedBeforeConnecting() {
        AtomicInteger lookups = new AtomicInteger();
        EgressPolicy policy = EgressPolicy.defaults().withResolver(host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        });
        Expert expert = Expert.of(
                ExpertConfig.builder("remote", "openai")
                        .baseUrl("https://provider.example/v1")
                        .model("m")
                        .apiKeyEnv("OPENAI_API_KEY")
                        .build(),
                new ExpertContext(name -> "sk-secret", List.of()).withEgress(policy));

        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOfSatisfying(ExpertException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpertErrorKind.CONNECTION);
                    // The refusal names the host and its address: the router's log reads it, the client does not.
                    assertThat(e.getMessage())
                            .contains("could not be reached")
                            .doesNotContain("169.254")
                            .doesNotContain("sk-secret");
                    assertThat(e.getCause().getMessage()).contains("refused address");
                });
        assertThat(lookups.get()).isEqualTo(1);
    }
}
