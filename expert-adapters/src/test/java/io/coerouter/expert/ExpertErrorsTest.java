package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
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
    void mapsHttpStatusesAndKeepsTheStatus() {
        ExpertException error = ExpertErrors.map("gpt", new HttpException(429, "{\"error\":\"slow down\"}"));

        assertThat(error).isInstanceOf(RetriableExpertException.class);
        assertThat(error.kind()).isEqualTo(ExpertErrorKind.RATE_LIMITED);
        assertThat(error.providerStatus()).contains(429);
        assertThat(error).hasMessage("expert 'gpt' rate limited (HTTP 429): slow down");
    }

    @Test
    void passesOnAProvidersErrorMessageButNeverItsRawBody() {
        ExpertException json = ExpertErrors.map(
                "gpt",
                new HttpException(400, "{\"error\":{\"message\":\"bad temperature\",\"trace\":\"node-7 internal\"}}"));
        ExpertException html =
                ExpertErrors.map("gpt", new HttpException(502, "<html>stack: db_password=hunter2</html>"));

        assertThat(json.getMessage()).endsWith("bad temperature").doesNotContain("node-7");
        assertThat(html.getMessage()).doesNotContain("hunter2").doesNotContain("<html>");
        assertThat(html.kind()).isEqualTo(ExpertErrorKind.SERVER_ERROR);
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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "{\"error\":{\"code\":\"context_length_exceeded\"}}|CONTEXT_LENGTH",
                "{\"error\":{\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}|CONTEXT_LENGTH",
                "{\"error\":{\"message\":\"The input token count (1048577) exceeds the maximum number of tokens allowed\"}}|CONTEXT_LENGTH",
                "{\"error\":{\"code\":\"content_filter\",\"message\":\"filtered\"}}|CONTENT_FILTERED",
                "{\"error\":{\"message\":\"temperature must be <= 2\"}}|BAD_REQUEST"
            })
    void tellsOversizedPromptsAndFilteredRequestsFromOtherBadRequests(String body, ExpertErrorKind kind) {
        assertThat(ExpertErrors.map("e", new HttpException(400, body)).kind()).isEqualTo(kind);
    }

    @Test
    void scrubsTheExpertsOwnKeyAndKeyShapedWordsFromAProvidersMessage() {
        ExpertException echoed = ExpertErrors.map(
                "pe",
                new HttpException(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-OPENAI-SECRET-1\"}}"),
                java.util.List.of("sk-OPENAI-SECRET-1"));
        ExpertException custom = ExpertErrors.map(
                "pe",
                new HttpException(403, "{\"error\":{\"message\":\"key my-own-credential-42 is revoked\"}}"),
                java.util.List.of("my-own-credential-42"));

        assertThat(echoed.getMessage())
                .isEqualTo("expert 'pe' authentication failed (HTTP 401): Incorrect API key provided: [redacted]");
        assertThat(custom.getMessage()).doesNotContain("my-own-credential-42").contains("[redacted]");
        assertThat(echoed.getCause().getMessage()).doesNotContain("SECRET");
        assertThat(custom.getCause().getMessage()).doesNotContain("my-own-credential-42");
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
