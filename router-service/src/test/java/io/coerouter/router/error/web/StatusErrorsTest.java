package io.coerouter.router.error.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors for bare statuses, as the container's error pages answer them. */
class StatusErrorsTest {

    @Test
    void everyStatusIsAnOpenAiErrorWithItsOwnStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 414, 418, 431, 500, 502, 503}) {
            ApiException error = StatusErrors.of(status);
            assertThat(error.status().value()).isEqualTo(status);
            assertThat(error.body().error().message()).isNotBlank().doesNotContain("Exception");
            assertThat(error.body().error().type())
                    .isEqualTo(status < 500 ? ApiException.INVALID_REQUEST : ApiException.API_ERROR);
            assertThat(error.body().error().code()).isNotBlank();
        }
    }

    @Test
    void anUnsupportedHttpVersionIsTheClientsMistakeNotAnInternalError() {
        ApiException error = StatusErrors.of(505);
        assertThat(error.status().value()).isEqualTo(505);
        assertThat(error.body().error().type()).isEqualTo(ApiException.INVALID_REQUEST);
        assertThat(error.body().error().code()).isEqualTo("http_version_not_supported");
    }

    @Test
    void aMethodTheContainerDoesNotImplementIsAnswered405() {
        ApiException error = StatusErrors.of(501);
        assertThat(error.status().value()).isEqualTo(405);
        assertThat(error.body().error().code()).isEqualTo("method_not_allowed");
    }

    @Test
    void aStatusThatIsNoErrorIsAServerError() {
        assertThat(StatusErrors.of(200).status().value()).isEqualTo(500);
        assertThat(StatusErrors.of(999).status().value()).isEqualTo(500);
    }
}
