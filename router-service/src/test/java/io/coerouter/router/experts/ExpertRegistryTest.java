package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.ForwardingExpert;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.experts.web.ExpertJson;
import io.coerouter.router.state.StateEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExpertRegistryTest {

    private final ExpertStore store = ExpertStore.inMemory();
    private final StateEvents events = StateEvents.local();
    private final List<String> released = new ArrayList<>();
    /** Every expert the factory built, in order, and those closed (by identity). */
    private final List<Expert> built = new CopyOnWriteArrayList<>();

    private final List<Expert> closed = new CopyOnWriteArrayList<>();
    /** While set, a call waits in the expert until it is counted down (a call in flight). */
    private volatile CountDownLatch gate;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final ExpertFactory factory = new ExpertFactory() {
        @Override
        public Expert build(ExpertProperties definition) {
            Expert expert = new ClosingExpert(Expert.of(definition.toConfig()));
            built.add(expert);
            return expert;
        }

        @Override
        public void check(ExpertProperties definition) {
            definition.toConfig(); // builds nothing: the tests count what the registry built
        }

        @Override
        public void release(String id) {
            released.add(id);
        }
    };

    /** An echo expert that holds a resource, as a remote adapter's connection pool: records its close. */
    private final class ClosingExpert extends ForwardingExpert {
        ClosingExpert(Expert delegate) {
            super(delegate);
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            CountDownLatch wait = gate;
            if (wait != null) {
                entered.countDown();
                try {
                    wait.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (closed.contains(this)) {
                throw new IllegalStateException("called after close");
            }
            return delegate().doChat(request, tokens);
        }

        @Override
        public void close() {
            closed.add(this);
            super.close();
        }
    }

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

    @Test
    void aReplacedExpertIsClosedOnlyAfterItsCallInFlightEndsAndThenRefusesCalls() throws Exception {
        ExpertRegistry registry = start(List.of(echo("a")), null);
        registry.write(new StoredExpert(echo("b"), ExpertState.ENABLED, StoredExpert.ADMIN), true);
        Expert old = registry.find("b").orElseThrow();
        Expert oldBuilt = built.getLast();
        gate = new CountDownLatch(1);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(
                () -> old.chat(ExpertRequest.of("hi")).text(), Executors.newVirtualThreadPerTaskExecutor());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        registry.write(
                new StoredExpert(
                        def("{\"id\":\"b\",\"adapter\":\"echo\",\"max_concurrency\":2}"),
                        ExpertState.ENABLED,
                        StoredExpert.ADMIN),
                false);

        assertThat(closed).as("not while its call runs").doesNotContain(oldBuilt);
        gate.countDown();
        gate = null;
        assertThat(call.get(30, TimeUnit.SECONDS)).isNotBlank();
        assertThat(closed).containsExactly(oldBuilt);
        assertThatThrownBy(() -> old.chat(ExpertRequest.of("hi")))
                .isInstanceOfSatisfying(
                        ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE));
        assertThat(registry.find("b").orElseThrow().chat(ExpertRequest.of("hi")).text())
                .isNotBlank();
    }

    @Test
    void aDeletedExpertIsClosedAtOnceWhenNoCallRunsAndAnUnchangedOneNever() {
        ExpertRegistry registry = start(List.of(echo("a")), null);
        Expert a = built.getFirst();
        registry.write(new StoredExpert(echo("b"), ExpertState.ENABLED, StoredExpert.ADMIN), true);
        Expert b = built.getLast();

        assertThat(registry.delete("b")).isTrue();

        assertThat(closed).containsExactly(b);
        assertThat(closed).doesNotContain(a);
    }

    @Test
    void closingTheRegistryClosesEveryExpertAndTheLentOne() {
        ExpertRegistry registry = start(List.of(echo("a"), echo("b")), null);
        registry.lendUnlisted(echo("coe-warmup-1"));

        registry.close();

        assertThat(closed).containsExactlyInAnyOrderElementsOf(built).hasSize(3);
    }

    @Test
    void aLentExpertIsFoundOnlyAsLentAndIsClosedAndReleasedWhenTakenBack() {
        ExpertRegistry registry = start(List.of(echo("a")), null);
        ExpertRegistry.Loan loan = registry.lendUnlisted(echo("coe-warmup-1"));
        Expert lent = built.getLast();

        assertThat(registry.find("coe-warmup-1")).isEmpty();
        assertThat(registry.findLent("coe-warmup-1")).containsSame(lent);
        assertThat(registry.findLent("a")).isEmpty();
        assertThat(registry.ids()).containsExactly("a");

        loan.close();

        assertThat(registry.findLent("coe-warmup-1")).isEmpty();
        assertThat(closed).containsExactly(lent);
        assertThat(released).containsExactly("coe-warmup-1");
    }
}
