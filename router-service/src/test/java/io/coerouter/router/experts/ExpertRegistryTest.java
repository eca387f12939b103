package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpertRegistryTest {

    private static Expert echo(String id) {
        return Expert.of(ExpertConfig.builder(id, "echo").build());
    }

    @Test
    void theFirstDeclaredExpertIsTheDefaultUnlessOneIsNamed() {
        assertThat(new ExpertRegistry(List.of(echo("a"), echo("b")), null).defaultExpertId())
                .isEqualTo("a");
        assertThat(new ExpertRegistry(List.of(echo("a"), echo("b")), "b").defaultExpertId())
                .isEqualTo("b");
    }

    @Test
    void refusesDuplicateIdsAnUnknownDefaultAndAnEmptyList() {
        assertThatThrownBy(() -> new ExpertRegistry(List.of(echo("a"), echo("a")), null))
                .hasMessage("coe.experts declares the id 'a' twice");
        assertThatThrownBy(() -> new ExpertRegistry(List.of(echo("a")), "z"))
                .hasMessage("coe.default-expert must be one of [a], but was 'z'");
        assertThatThrownBy(() -> new ExpertRegistry(List.of(), null))
                .hasMessage("coe.experts must declare at least one expert");
    }

    @Test
    void keepsDeclarationOrder() {
        ExpertRegistry registry = new ExpertRegistry(List.of(echo("c"), echo("a"), echo("b")), null);

        assertThat(registry.all()).extracting(Expert::id).containsExactly("c", "a", "b");
        assertThat(registry.find("a")).isPresent();
        assertThat(registry.find("zz")).isEmpty();
    }
}
