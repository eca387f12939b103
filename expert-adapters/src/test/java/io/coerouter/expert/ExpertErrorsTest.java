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
}
