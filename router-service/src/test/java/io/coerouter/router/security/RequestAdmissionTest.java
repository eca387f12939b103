package io.coerouter.router.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.HttpErrors;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeyStore;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.keys.KeyUsage;
import io.coerouter.router.testing.ManualClock;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Admission of a gateway key's request: limits, a disabled key, and the estimate of a body without a length. */
class RequestAdmissionTest {

    private final ManualClock clock = new ManualClock();
    private final ApiKeys keys = new ApiKeys(ApiKeyStore.inMemory(), KeyUsage.inMemory(clock), clock);
    private final RequestAdmission admission = RequestAdmission.of(keys);

    private ApiKey key(long tokensPerMinute) {
        return keys.create(new ApiKeys.Limits("test", null, null, 0, tokensPerMinute, null))
                .key();
    }

    /** A POST whose body has no Content-Length, as a chunked request arrives. */
    private static MockHttpServletRequest chunked(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static MockHttpServletRequest sized(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void aBodyWithoutALengthIsEstimatedFromTheBytesReadAndCanBeReadAgain() throws Exception {
        ApiKey key = key(1000);
        String body = "x".repeat(8000); // 2 000 tokens: puts the 1 000-token bucket in debt

        HttpServletRequest admitted = admission.admit(chunked(body), key, true);

        assertThat(new String(admitted.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(body);
        assertThat(admitted.getContentLengthLong()).isEqualTo(8000);
        assertThatThrownBy(() -> admission.admit(chunked(body), key, true))
                .isInstanceOfSatisfying(
                        RouterException.class,
                        e -> assertThat(HttpErrors.status(e.kind()).value()).isEqualTo(429));
    }

    @Test
    void aChunkedBodyCostsTheSameAsTheSameBodyWithALength() throws Exception {
        ApiKey withLength = key(1000);
        ApiKey withChunks = key(1000);
        String body = "y".repeat(8000);

        admission.admit(sized(body), withLength, true);
        admission.admit(chunked(body), withChunks, true);

        assertThat(keys.usage().admit(withLength, 1).verdict())
                .isEqualTo(keys.usage().admit(withChunks, 1).verdict())
                .isEqualTo(KeyUsage.Verdict.TOKENS_PER_MINUTE);
    }

    @Test
    void readingCallsAreNotChargedAndTheirBodyIsLeftAlone() throws Exception {
        ApiKey key = key(1);
        MockHttpServletRequest request = chunked("z".repeat(8000));

        for (int i = 0; i < 3; i++) {
            assertThat(admission.admit(request, key, false)).isSameAs(request);
        }
        assertThat(KeyAccess.keyId(request)).isEqualTo(key.id());
    }

    @Test
    void aDisabledKeyIsRefused() {
        ApiKey key = key(0).withEnabled(false);

        assertThatThrownBy(() -> admission.admit(sized("{}"), key, false))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(HttpErrors.status(e.kind()).value()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("api_key_disabled");
                });
    }
}
