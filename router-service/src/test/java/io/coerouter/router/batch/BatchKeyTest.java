package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.HttpErrors;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.KeyUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchKeyTest {

    private final KeyUsage usage = KeyUsage.inMemory(Clock.systemUTC());

    private static ApiKey key(List<String> models, List<String> experts, String budget) {
        return new ApiKey(
                "key_t",
                "team",
                "hash",
                "coe-abcd",
                models,
                experts,
                0,
                0,
                budget == null ? null : new BigDecimal(budget),
                true,
                Instant.EPOCH);
    }

    private static ChatCompletionRequest request(String model) {
        return new ChatCompletionRequest(model, ExpertRequest.of("hi"), false, false, null, null);
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (RouterException e) {
            return HttpErrors.status(e.kind()).value() + " " + e.code();
        }
        return "admitted";
    }

    @Test
    void aLineForAModelOrExpertTheKeyMayNotUseIsRefusedAsOnline() {
        BatchKey gate = BatchKey.of(key(List.of("coe", "echo"), List.of("echo"), null), usage);

        assertThat(code(() -> gate.admit(request("other")))).isEqualTo("403 model_not_allowed");
        assertThat(code(() -> gate.admit(request("echo")))).isEqualTo("admitted");
        assertThat(gate.admit(request("coe")).allowedExperts()).isEqualTo(Set.of("echo"));
    }

    @Test
    void linesAreRefusedOnceTheAnswersChargedHaveSpentTheBudget() {
        ApiKey key = key(List.of(), List.of(), "0.10");
        BatchKey gate = BatchKey.of(key, usage);

        gate.charge(new BigDecimal("0.06"));
        assertThat(gate.spent()).isFalse();
        gate.charge(new BigDecimal("0.05"));

        assertThat(gate.spent()).isTrue();
        assertThat(code(() -> gate.admit(request("echo")))).isEqualTo("429 insufficient_quota");
        assertThat(usage.spent(key)).isEqualByComparingTo("0.11");
    }

    @Test
    void withoutAKeyEveryLineIsAdmittedAsItIs() {
        ChatCompletionRequest plain = request("anything");

        assertThat(BatchKey.none().admit(plain)).isSameAs(plain);
        assertThat(BatchKey.none().spent()).isFalse();
    }
}
