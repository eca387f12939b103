package io.coerouter.router.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Admission of a gateway key's call with plain inputs: its kinds of refusal, and when the body is measured. */
class KeyAdmissionTest {

    private final ManualClock clock = new ManualClock();
    private final ApiKeys keys = new ApiKeys(ApiKeyStore.inMemory(), KeyUsage.inMemory(clock), clock);
    private final KeyAdmission admission = KeyAdmission.of(keys);

    private ApiKey key(int requestsPerMinute, long tokensPerMinute, BigDecimal budget) {
        return keys.create(new ApiKeys.Limits(
                        "test", List.of("coe", "alpha"), List.of("alpha"), requestsPerMinute, tokensPerMinute, budget))
                .key();
    }

    @Test
    void aDisabledKeyIsRefusedBeforeItsBodyIsMeasured() {
        ApiKey key = key(0, 0, null).withEnabled(false);
        AtomicInteger measured = new AtomicInteger();

        assertThatThrownBy(() -> admission.admit(key, true, () -> measured.incrementAndGet()))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
                    assertThat(e.code()).isEqualTo("api_key_disabled");
                });
        assertThat(measured).hasValue(0);
    }

    @Test
    void aCallThatDoesNotSpendIsNeitherMeasuredNorCounted() throws Exception {
        ApiKey key = key(1, 0, null);
        AtomicInteger measured = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            assertThat(admission
                            .admit(key, false, () -> measured.incrementAndGet())
                            .id())
                    .isEqualTo(key.id());
        }
        assertThat(measured).hasValue(0);
        assertThat(keys.usage().admit(key, 1).verdict()).isEqualTo(KeyUsage.Verdict.ADMITTED);
    }

    @Test
    void tooManyRequestsAreRateLimitedWithAWaitOfAtLeastASecond() throws Exception {
        ApiKey key = key(1, 0, null);
        admission.admit(key, true, () -> 40);

        assertThatThrownBy(() -> admission.admit(key, true, () -> 40))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(e.code()).isEqualTo("rate_limit_exceeded");
                    assertThat(e.getMessage()).contains("over its limit of 1 requests per minute");
                    assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void tooManyTokensAreRateLimited() throws Exception {
        ApiKey key = key(0, 1000, null);
        admission.admit(key, true, () -> 8000); // 2 000 tokens: the bucket is in debt

        assertThatThrownBy(() -> admission.admit(key, true, () -> 4))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("over its limit of 1000 tokens per minute");
                });
    }

    @Test
    void aSpentBudgetIsAnExceededQuota() throws Exception {
        ApiKey key = key(0, 0, new BigDecimal("0.01"));
        admission.admit(key, true, () -> 4).record(1, new BigDecimal("0.02"));

        assertThatThrownBy(() -> admission.admit(key, true, () -> 4))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
                    assertThat(e.code()).isEqualTo("insufficient_quota");
                });
    }

    @Test
    void theAdmittedKeyKnowsWhatItMayCall() throws Exception {
        AdmittedKey admitted = admission.admit(key(0, 0, null), false, () -> 0);

        assertThat(admitted.mayCall("coe")).isTrue();
        assertThat(admitted.mayCall("alpha")).isTrue();
        assertThat(admitted.mayCall("beta")).isFalse();
        assertThat(admitted.experts()).containsExactly("alpha");
        assertThatThrownBy(() -> admitted.requireModel("beta")).isInstanceOfSatisfying(RouterException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
            assertThat(e.code()).isEqualTo("model_not_allowed");
            assertThat(e.param()).isEqualTo("model");
        });
    }

    @Test
    void aBodyIsEstimatedAtFourBytesATokenAndAtLeastOne() {
        assertThat(KeyAdmission.estimateTokens(0)).isEqualTo(1);
        assertThat(KeyAdmission.estimateTokens(8000)).isEqualTo(2000);
    }
}
