package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.experts.web.ExpertJson;
import io.coerouter.router.state.StateEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExpertRegistryTest {

    private final ExpertStore store = ExpertStore.inMemory();
    private final StateEvents events = StateEvents.local();
    private final List<String> released = new ArrayList<>();
    private final ExpertFactory factory = new ExpertFactory() {
        @Override
        public Expert build(ExpertProperties definition) {
            return Expert.of(definition.toConfig());
        }

        @Override
        public void release(String id) {
            released.add(id);
        }
    };

    static ExpertProperties def(String json) {
        return ExpertJson.read(JsonMapper.builder().build().readTree(json));
    }

    static ExpertProperties echo(String id) {
        return def("{\"id\":\"" + id + "\",\"adapter\":\"echo\"}");
    }

    private ExpertRegistry start(List<ExpertProperties> declared, String defaultId) {
        return ExpertRegistry.start(declared, defaultId, store, events, factory);
    }

    @Test
    void theFirstDeclaredExpertIsTheDefaultUnlessOneIsNamed() {
        assertThat(start(List.of(echo("a"), echo("b")), null).defaultExpertId()).isEqualTo("a");
        assertThat(start(List.of(echo("a"), echo("b")), "b").defaultExpertId()).isEqualTo("b");
    }

    @Test
    void refusesDuplicateIdsAnUnknownDefaultAnUnknownFallbackAndAnEmptyList() {
        assertThatThrownBy(() -> start(List.of(echo("a"), echo("a")), null))
                .hasMessage("coe.experts declares the id 'a' twice");
        assertThatThrownBy(() -> start(List.of(echo("a")), "z"))
                .hasMessage("coe.default-expert must be one of [a], but was 'z'");
        assertThatThrownBy(() -> start(List.of(def("{\"id\":\"a\",\"adapter\":\"echo\",\"fallbacks\":[\"q\"]}")), null))
                .hasMessage("coe.experts 'a' fallbacks must name other declared experts [a], but named 'q'");
        assertThatThrownBy(() -> start(List.of(), null)).hasMessage("coe.experts must declare at least one expert");
    }

    @Test
    void keepsDeclarationOrderThenAddedExpertsById() {
        ExpertRegistry registry = start(List.of(echo("c"), echo("a")), null);
        registry.write(new StoredExpert(echo("z"), ExpertState.ENABLED, StoredExpert.ADMIN), true);
        registry.write(new StoredExpert(echo("b"), ExpertState.ENABLED, StoredExpert.ADMIN), true);

        assertThat(registry.all()).extracting(Expert::id).containsExactly("c", "a", "b", "z");
        assertThat(registry.find("b")).isPresent();
        assertThat(registry.find("zz")).isEmpty();
    }

    @Test
    void aChangedDeclarationReplacesTheStoredOneButAnAdminChangeOutlivesIt() {
        start(List.of(echo("a"), echo("b")), null);
        store.put(new StoredExpert(
                def("{\"id\":\"b\",\"adapter\":\"echo\",\"max_concurrency\":3}"),
                ExpertState.DISABLED,
                StoredExpert.ADMIN));

        ExpertRegistry restarted =
                start(List.of(def("{\"id\":\"a\",\"adapter\":\"echo\",\"max_concurrency\":7}"), echo("b")), null);

        assertThat(restarted.find("a").orElseThrow().config().maxConcurrency()).isEqualTo(7);
        assertThat(restarted.find("b").orElseThrow().config().maxConcurrency()).isEqualTo(3);
        assertThat(restarted.entry("b").orElseThrow().state()).isEqualTo(ExpertState.DISABLED);
    }

    @Test
    void aDisabledExpertIsUnavailableAndRefusesCallsAsUnavailableUntilEnabled() {
        ExpertRegistry registry = start(List.of(echo("a")), null);
        StoredExpert a = store.find("a").orElseThrow();

        registry.write(a.withState(ExpertState.DISABLED), false);

        Expert expert = registry.find("a").orElseThrow();
        assertThat(expert.available()).isFalse();
        assertThat(registry.enabledIds()).isEmpty();
        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOfSatisfying(ExpertException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("'a'").contains("disabled");
                });

        registry.write(a, false);
        assertThat(registry.find("a").orElseThrow().chat(ExpertRequest.of("hi")).text())
                .isNotBlank();
    }

    @Test
    void aDrainedExpertWithNothingInFlightIsReleasedOnce() {
        ExpertRegistry registry = start(List.of(echo("a"), echo("b")), null);

        registry.write(store.find("b").orElseThrow().withState(ExpertState.DRAINING), false);
        registry.write(store.find("a").orElseThrow().withState(ExpertState.DISABLED), false);

        assertThat(registry.entry("b").orElseThrow().inFlight()).isZero();
        assertThat(released).containsExactly("b");
    }

    @Test
    void aLiveExpertFollowsItsReplacementAndPinsItsId() {
        ExpertRegistry registry = start(List.of(echo("a"), echo("judge")), null);
        Expert live = registry.live("judge", "coe.aggregation.judge");

        registry.write(
                new StoredExpert(
                        def("{\"id\":\"judge\",\"adapter\":\"echo\",\"max_concurrency\":2}"),
                        ExpertState.ENABLED,
                        StoredExpert.ADMIN),
                false);

        assertThat(live.config().maxConcurrency()).isEqualTo(2);
        assertThat(registry.pinnedBy("judge")).contains("coe.aggregation.judge");
        assertThat(registry.pinnedBy("a")).contains("coe.default-expert");
        assertThatThrownBy(() -> registry.live("nobody", "coe.routing.generalist"))
                .hasMessage("coe.routing.generalist must be one of [a, judge], but was 'nobody'");
    }

    @Test
    void anUnchangedDefinitionKeepsItsExpertAcrossRefreshes() {
        ExpertRegistry registry = start(List.of(echo("a"), echo("b")), null);
        Expert before = registry.find("a").orElseThrow();

        registry.write(new StoredExpert(echo("c"), ExpertState.ENABLED, StoredExpert.ADMIN), true);

        assertThat(registry.find("a").orElseThrow()).isSameAs(before);
    }
}
