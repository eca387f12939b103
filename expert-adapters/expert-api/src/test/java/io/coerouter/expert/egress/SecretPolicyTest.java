package io.coerouter.expert.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPolicyTest {

    private final SecretPolicy defaults = SecretPolicy.defaults();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OPENAI_API_KEY",
                "ANTHROPIC_API_KEY",
                "GEMINI_API_KEY",
                "AZURE_OPENAI_API_KEY",
                "GROQ_API_KEY",
                "COE_PROVIDER_VLLM_TOKEN"
            })
    void providerKeysAreAllowed(String name) {
        assertThat(defaults.permits(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "COE_ADMIN_KEY",
                "COE_VIEWER_KEY",
                "COE_ADMIN_API_KEY",
                "REDIS_URL",
                "REDIS_PASSWORD",
                "SPRING_DATASOURCE_PASSWORD",
                "SPRING_DATA_REDIS_PASSWORD",
                "DATABASE_URL",
                "PGPASSWORD",
                "AWS_SECRET_ACCESS_KEY",
                "PATH",
                "HOME",
                "JAVA_TOOL_OPTIONS",
                "SOME_DB_PASSWORD_API_KEY",
                "lowercase name",
                ""
            })
    void theRoutersOwnSecretsAndOtherVariablesAreNot(String name) {
        assertThat(defaults.permits(name)).isFalse();
    }

    @Test
    void configuredPrefixesAndNamesAddVariablesButNeverTheRoutersOwn() {
        SecretPolicy policy = SecretPolicy.of(List.of("LLM_"), Set.of("VLLM_TOKEN", "COE_ADMIN_KEY", "REDIS_PASSWORD"));

        assertThat(policy.permits("LLM_TOKEN")).isTrue();
        assertThat(policy.permits("VLLM_TOKEN")).isTrue();
        assertThat(policy.permits("COE_ADMIN_KEY")).isFalse();
        assertThat(policy.permits("REDIS_PASSWORD")).isFalse();
    }

    @Test
    void theFilteredEnvironmentReadsARefusedVariableAsUnset() {
        Map<String, String> env = Map.of("COE_ADMIN_KEY", "admin-secret", "OPENAI_API_KEY", "sk-1");
        var filtered = defaults.filter(env::get);

        assertThat(filtered.apply("COE_ADMIN_KEY")).isNull();
        assertThat(filtered.apply("OPENAI_API_KEY")).isEqualTo("sk-1");
    }
}
