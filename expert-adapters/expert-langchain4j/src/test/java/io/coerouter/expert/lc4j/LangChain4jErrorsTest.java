package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.RetriableExpertException;
import org.junit.jupiter.api.Test;

/** {@link ExpertErrors} with {@link LangChain4jErrors} installed: LangChain4j's HTTP and typed exceptions. */
class LangChain4jErrorsTest {

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
    void mapsLangChain4jsTypedExceptions() {
        assertThat(ExpertErrors.map("e", new dev.langchain4j.exception.RateLimitException("slow down"))
                        .kind())
                .isEqualTo(ExpertErrorKind.RATE_LIMITED);
        assertThat(ExpertErrors.map("e", new dev.langchain4j.exception.TimeoutException("slow"))
                        .kind())
                .isEqualTo(ExpertErrorKind.TIMEOUT);
        assertThat(ExpertErrors.map(
                                "e",
                                new RuntimeException(
                                        "wrapped", new dev.langchain4j.exception.UnresolvedModelServerException("dns")))
                        .kind())
                .isEqualTo(ExpertErrorKind.CONNECTION);
    }
}
