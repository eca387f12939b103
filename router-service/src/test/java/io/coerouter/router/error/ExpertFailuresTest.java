package io.coerouter.router.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ExpertErrors;
import io.coerouter.router.error.web.HttpErrors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ExpertFailuresTest {

    @Test
    void aStreamThatFailsForAnUnknownReasonTellsTheClientNothingOfItsText() {
        RouterException api = ExpertFailures.toApi(new IllegalStateException(
                "java.lang.NullPointerException at http://10.0.0.7:8000/v1 (/srv/models/secret)"));

        assertThat(HttpErrors.status(api.kind())).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(api.code()).isEqualTo("stream_failed");
        assertThat(api.getMessage())
                .doesNotContain("java.lang")
                .doesNotContain("10.0.0.7")
                .doesNotContain("/srv/models");
    }

    @Test
    void aProvidersScrubbedMessageReachesTheClientWithTheExpertsKind() {
        RouterException api = ExpertFailures.toApi(ExpertErrors.map(
                "pe",
                new dev.langchain4j.exception.HttpException(
                        401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-OPENAI-SECRET-1\"}}")));

        assertThat(HttpErrors.status(api.kind())).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(api.code()).isEqualTo("expert_authentication");
        assertThat(api.getMessage())
                .isEqualTo("expert 'pe' authentication failed (HTTP 401): Incorrect API key provided: [redacted]");
    }
}
