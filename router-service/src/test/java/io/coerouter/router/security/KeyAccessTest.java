package io.coerouter.router.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeyStore;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.keys.KeyUsage;
import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The admitted key of a request, as the controllers read it: every check passes without one (auth off). */
class KeyAccessTest {

    private final ManualClock clock = new ManualClock();
    private final ApiKeys keys = new ApiKeys(ApiKeyStore.inMemory(), KeyUsage.inMemory(clock), clock);

    @Test
    void aRequestWithoutAKeyPassesEveryCheck() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");

        KeyAccess.requireModel(request, "any");
        KeyAccess.record(request, 100, BigDecimal.ONE);

        assertThat(KeyAccess.mayCall(request, "any")).isTrue();
        assertThat(KeyAccess.keyId(request)).isNull();
        assertThat(KeyAccess.experts(request)).isEmpty();
    }

    @Test
    void anAdmittedKeyIsReadFromItsRequest() throws Exception {
        ApiKey key = keys.create(new ApiKeys.Limits("team", List.of("coe", "alpha"), List.of("alpha"), 0, 0, null))
                .key();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/models");

        RequestAdmission.of(keys).admit(request, key, false);

        assertThat(KeyAccess.keyId(request)).isEqualTo(key.id());
        assertThat(KeyAccess.mayCall(request, "alpha")).isTrue();
        assertThat(KeyAccess.mayCall(request, "beta")).isFalse();
        assertThat(KeyAccess.experts(request)).containsExactly("alpha");
        assertThatThrownBy(() -> KeyAccess.requireModel(request, "beta"))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.code()).isEqualTo("model_not_allowed"));
    }

    @Test
    void whatARequestUsedIsCountedAgainstItsKey() throws Exception {
        ApiKey key = keys.create(new ApiKeys.Limits("team", null, null, 0, 0, new BigDecimal("1.00")))
                .key();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        request.setContent("{}".getBytes());
        RequestAdmission.of(keys).admit(request, key, true);

        KeyAccess.record(request, 10, new BigDecimal("0.25"));

        assertThat(keys.usage().spent(key)).isEqualByComparingTo("0.25");
    }
}
