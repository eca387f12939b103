package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.egress.EgressPolicy;
import io.coerouter.expert.egress.EgressPolicy.Origin;
import io.coerouter.expert.egress.SecretPolicy;
import io.coerouter.router.config.ExpertProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpertPoliciesTest {

    @TempDir
    Path models;

    @TempDir
    Path elsewhere;

    private ExpertPolicies policies() {
        return ExpertPolicies.of(SecretPolicy.defaults(), EgressPolicy.defaults(), List.of(models));
    }

    private static ExpertProperties djl(String path) {
        return ExpertRegistryTest.def("{\"id\":\"local\",\"adapter\":\"djl\",\"model_path\":"
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(path) + "}");
    }

    @Test
    void adminCreatedLocalExpertsLoadOnlyFromModelFoldersAndTheClassPath() throws Exception {
        Path model = Files.createDirectories(models.resolve("tiny"));
        Files.createDirectories(elsewhere.resolve("secret"));
        Files.createSymbolicLink(models.resolve("escape"), elsewhere.resolve("secret"));

        assertThatCode(() -> policies().check(djl(model.toString()), Origin.ADMIN))
                .doesNotThrowAnyException();
        assertThatCode(() -> policies().check(djl("file:" + model), Origin.ADMIN))
                .doesNotThrowAnyException();
        assertThatCode(() -> policies().check(djl("classpath:coe-demo-experts/models/x"), Origin.ADMIN))
                .doesNotThrowAnyException();
        for (String refused : List.of(
                elsewhere.resolve("secret").toString(),
                models.resolve("escape").toString(),
                models.resolve("tiny/../../" + elsewhere.getFileName()).toString(),
                models.resolve("missing").toString(),
                models.toString(),
                "classpath:../x",
                "classpath:/etc/passwd",
                "classpath:application.yml",
                "classpath:coe-demo-experts/../application.yml",
                "classpath:coe-demo-experts/",
                "classpath:coe-demo-experts-evil/x")) {
            assertThatThrownBy(() -> policies().check(djl(refused), Origin.ADMIN))
                    .as(refused)
                    .isInstanceOfSatisfying(InvalidExpertException.class, e -> {
                        assertThat(e.param()).isEqualTo("model_path");
                        assertThat(e.getMessage()).isEqualTo(ExpertPolicies.MODEL_PATH_REFUSED);
                    });
        }
        // The operator's own configuration may name any path.
        assertThatCode(() -> policies().check(djl(elsewhere.toString()), Origin.DECLARED))
                .doesNotThrowAnyException();
    }

    @Test
    void aRefusedKeyVariableGetsOneMessageThatDoesNotNameIt() {
        var definition =
                ExpertRegistryTest.def("{\"id\":\"a\",\"adapter\":\"echo\",\"api_key_env\":\"COE_ADMIN_KEY\"}");

        assertThatThrownBy(() -> policies().check(definition, Origin.DECLARED))
                .isInstanceOfSatisfying(InvalidExpertException.class, e -> {
                    assertThat(e.param()).isEqualTo("api_key_env");
                    assertThat(e.getMessage())
                            .isEqualTo(ExpertPolicies.SECRET_REFUSED)
                            .doesNotContain("COE_ADMIN_KEY");
                });
    }

    @Test
    void aConfiguredClasspathPrefixOpensOnlyItsOwnFolder() {
        ExpertPolicies withPrefix = ExpertPolicies.of(
                SecretPolicy.defaults(), EgressPolicy.defaults(), List.of(), List.of("classpath:/team-models/"));

        assertThatCode(() -> withPrefix.check(djl("classpath:team-models/tiny"), Origin.ADMIN))
                .doesNotThrowAnyException();
        assertThatCode(() -> withPrefix.check(djl("classpath:coe-demo-experts/generalist"), Origin.ADMIN))
                .doesNotThrowAnyException();
        for (String refused : List.of(
                "classpath:team-models/../application.yml", "classpath:team-models", "classpath:team-models-x/a")) {
            assertThatThrownBy(() -> withPrefix.check(djl(refused), Origin.ADMIN))
                    .as(refused)
                    .hasMessage(ExpertPolicies.MODEL_PATH_REFUSED);
        }
        assertThatThrownBy(() -> ExpertPolicies.of(
                        SecretPolicy.defaults(), EgressPolicy.defaults(), List.of(), List.of("a/../b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
