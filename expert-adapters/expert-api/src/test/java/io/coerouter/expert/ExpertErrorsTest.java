package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ExpertErrorsTest {

    @Test
    void mapsTransportFailuresToRetriableKinds() {
        assertThat(ExpertErrors.map("e", new ConnectException("refused")).kind())
                .isEqualTo(ExpertErrorKind.CONNECTION);
        assertThat(ExpertErrors.map("e", new HttpTimeoutException("slow")).kind())
                .isEqualTo(ExpertErrorKind.TIMEOUT);
        assertThat(ExpertErrors.map("e", new CompletionException(new IOException("reset"))))
                .isInstanceOf(RetriableExpertException.class)
                .extracting(ExpertException::kind)
                .isEqualTo(ExpertErrorKind.CONNECTION);
    }

    @Test
    void findsAKnownCauseInsideAnUnknownWrapper() {
        RuntimeException wrapped = new RuntimeException("boom", new HttpTimeoutException("slow"));

        assertThat(ExpertErrors.map("e", wrapped).kind()).isEqualTo(ExpertErrorKind.TIMEOUT);
    }

    @Test
    void leavesExpertExceptionsAsTheyAre() {
        ExpertException original = ExpertException.of("e", ExpertErrorKind.MISCONFIGURED, "no file", null);

        assertThat(ExpertErrors.map("e", original)).isSameAs(original);
        assertThat(original).isInstanceOf(NonRetriableExpertException.class);
    }

    @Test
    void anythingElseIsAnInvalidResponse() {
        assertThat(ExpertErrors.map("e", new IllegalStateException("weird")).kind())
                .isEqualTo(ExpertErrorKind.INVALID_RESPONSE);
    }

    @Test
    void keepsExceptionTextUrlsAndParserOutputOutOfTheMessage() {
        ExpertException garbage = ExpertErrors.map(
                "pe", new com.fasterxml.jackson.core.JsonParseException(null, "Unrecognized token 'not'"));
        ExpertException npe = ExpertErrors.map(
                "pe",
                new NullPointerException("Cannot invoke \"java.util.List.get(int)\" because candidates() is null"));
        ExpertException url = ExpertErrors.map(
                "pe", new IllegalArgumentException("Illegal character in path at index 34: http://127.0.0.1:19999/v1"));
        ExpertException refused = ExpertErrors.map(
                "pe", new java.io.UncheckedIOException(new ConnectException("host 'runsc' resolves to 127.0.0.1")));

        assertThat(garbage.kind()).isEqualTo(ExpertErrorKind.INVALID_RESPONSE);
        assertThat(garbage.getMessage())
                .isEqualTo("expert 'pe' invalid response: the expert gave an answer that"
                        + " could not be read; see the router's log");
        assertThat(npe.getMessage()).doesNotContain("java.util").doesNotContain("candidates");
        assertThat(url.getMessage()).doesNotContain("127.0.0.1").doesNotContain("Illegal");
        assertThat(refused.kind()).isEqualTo(ExpertErrorKind.CONNECTION);
        assertThat(refused.getMessage())
                .isEqualTo("expert 'pe' connection failed: the expert could not be reached; see the router's log");
    }

    @Test
    void aConfigurationFaultTellsTheClientOnlyToReadTheLog() {
        ExpertException error = ExpertErrors.configuration(
                "pe",
                ExpertErrorKind.AUTHENTICATION,
                "environment variable OPENAI_API_KEY (api-key-env) is not set",
                null);

        assertThat(error.getMessage())
                .isEqualTo("expert 'pe' authentication failed: the expert is not configured correctly; see the"
                        + " router's log");
    }
}
