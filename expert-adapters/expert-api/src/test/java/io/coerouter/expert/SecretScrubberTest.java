package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

    @Test
    void removesTheConfiguredSecretWhateverItsShape() {
        assertThat(SecretScrubber.scrub("your key hunter2hunter2 expired", List.of("hunter2hunter2")))
                .isEqualTo("your key [redacted] expired");
    }

    @Test
    void removesBearerTokensSkKeysGoogleKeysAndKeyParameters() {
        assertThat(SecretScrubber.scrub("sent Authorization: Bearer abc.def-123", List.of()))
                .doesNotContain("abc.def-123");
        assertThat(SecretScrubber.scrub("Incorrect API key provided: sk-proj-AbCd1234", List.of()))
                .isEqualTo("Incorrect API key provided: [redacted]");
        assertThat(SecretScrubber.scrub("GET /v1?key=AIzaSyA-1234567890abcdef failed", List.of()))
                .doesNotContain("AIzaSyA")
                .contains("key=[redacted]");
        assertThat(SecretScrubber.scrub("api_key: letmein99", List.of())).isEqualTo("api_key: [redacted]");
    }

    @Test
    void removesTheSecretUpperCasedCutShortOrInPart() {
        String secret = "sk-provider-SECRET-0123456789";
        String echoed = "bad key " + secret.toUpperCase(java.util.Locale.ROOT) + " / "
                + secret.substring(0, secret.length() - 1) + " / " + secret.substring(3) + " / "
                + secret.substring(10, 18);

        String scrubbed = SecretScrubber.scrub(echoed, List.of(secret));

        assertThat(scrubbed).startsWith("bad key ").doesNotContainIgnoringCase("SECRET");
        assertThat(scrubbed).doesNotContain("0123456789").doesNotContain("provider");
    }

    @Test
    void leavesOrdinaryProviderTextAlone() {
        String text = "This model's maximum context length is 4096 tokens; model meta-llama/Llama-3.1-8B";

        assertThat(SecretScrubber.scrub(text, List.of("no"))).isEqualTo(text);
    }

    @Test
    void keepsPathsAnOperatorNeedsAndRemovesLongOpaqueTokens() {
        assertThat(SecretScrubber.scrub("cannot use model path /tmp/junit123/models/nope: missing", List.of()))
                .isEqualTo("cannot use model path /tmp/junit123/models/nope: missing");
        assertThat(SecretScrubber.scrub("session 0123456789abcdef0123456789abcdef01234567 expired", List.of()))
                .isEqualTo("session [redacted] expired");
    }
}
