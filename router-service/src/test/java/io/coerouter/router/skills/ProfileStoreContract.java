package io.coerouter.router.skills;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link SharedProfileStore} does; each implementation's test runs it. */
abstract class ProfileStoreContract {

    /** A fresh, empty store keeping the newest {@code keep} versions. */
    abstract SharedProfileStore store(int keep);

    /** Another replica's view of {@code store}: the same state through its own connection (or the same store). */
    abstract SharedProfileStore replica(SharedProfileStore store, int keep);

    /** A set whose {@code expert} got {@code correct} of 10 questions on {@code skill} right. */
    static ProfileSet set(String expert, String skill, int correct) {
        return new ProfileSet(
                0,
                Instant.parse("2026-01-01T00:00:00Z"),
                "test " + expert + " " + correct,
                10,
                Map.of(
                        expert,
                        new ExpertProfile(
                                expert,
                                Map.of(skill, new SkillStats(correct, 10 - correct, 0)),
                                12.5,
                                new BigDecimal("0.0015"))));
    }

    @Test
    void anEmptyStoreHasNoCurrentSetAndNoVersions() {
        SharedProfileStore store = store(3);

        assertThat(store.current()).isEmpty();
        assertThat(store.versions()).isEmpty();
        assertThat(store.version(1)).isEmpty();
    }

    @Test
    void eachSaveIsTheNextVersionAndBecomesCurrent() {
        SharedProfileStore store = store(3);

        ProfileSet first = store.save(set("a", "maths", 5));
        ProfileSet second = store.save(set("a", "maths", 7));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.current()).contains(second);
        assertThat(store.versions()).containsExactly(1, 2);
    }

    @Test
    void aStoredVersionIsReadBackWithAllItsProfiles() {
        SharedProfileStore store = store(3);
        ProfileSet saved = store.save(set("a", "maths", 5));
        store.save(set("b", "maths", 9));

        Optional<ProfileSet> read = store.version(saved.version());

        assertThat(read).isPresent();
        assertThat(ProfileJson.write(read.get())).isEqualTo(ProfileJson.write(saved));
        assertThat(read.get().expert("a").orElseThrow().on("maths").correct()).isEqualTo(5);
    }

    @Test
    void anUnknownVersionIsEmpty() {
        SharedProfileStore store = store(3);
        store.save(set("a", "maths", 5));

        assertThat(store.version(2)).isEmpty();
        assertThat(store.version(0)).isEmpty();
        assertThat(store.version(-1)).isEmpty();
    }

    @Test
    void onlyTheNewestVersionsAreKeptAndNumbersAreNeverReused() {
        SharedProfileStore store = store(2);

        for (int correct = 1; correct <= 4; correct++) {
            store.save(set("a", "maths", correct));
        }

        assertThat(store.versions()).containsExactly(3, 4);
        assertThat(store.version(1)).isEmpty();
        assertThat(store.version(2)).isEmpty();
        assertThat(store.current().orElseThrow().version()).isEqualTo(4);
        assertThat(store.save(set("a", "maths", 5)).version()).isEqualTo(5);
    }

    @Test
    void anEmptyStoreIsSeededAsVersionOneOnlyOnce() {
        SharedProfileStore store = store(3);

        Optional<ProfileSet> seeded = store.seed(set("a", "maths", 5));
        Optional<ProfileSet> again = replica(store, 3).seed(set("a", "maths", 5));

        assertThat(seeded).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(1));
        assertThat(again).isEmpty();
        assertThat(store.versions()).containsExactly(1);
        assertThat(store.current()).isEqualTo(seeded);
    }

    @Test
    void aStoreThatHeldAVersionIsNotSeeded() {
        SharedProfileStore store = store(3);
        ProfileSet saved = store.save(set("a", "maths", 7));

        assertThat(store.seed(set("a", "maths", 5))).isEmpty();

        assertThat(store.versions()).containsExactly(1);
        assertThat(store.current()).contains(saved);
    }

    @Test
    void ofReplicasSeedingTogetherExactlyOneSeeds() throws Exception {
        SharedProfileStore store = store(3);
        List<SharedProfileStore> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replicas.add(replica(store, 3));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<ProfileSet>>> seeds = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(replicas.size())) {
            for (int i = 0; i < replicas.size(); i++) {
                SharedProfileStore replica = replicas.get(i);
                ProfileSet set = set("r" + i, "maths", i);
                seeds.add(threads.submit((Callable<Optional<ProfileSet>>) () -> {
                    go.await();
                    return replica.seed(set);
                }));
            }
            go.countDown();
            long seeded = 0;
            for (Future<Optional<ProfileSet>> seed : seeds) {
                seeded += seed.get().isPresent() ? 1 : 0;
            }
            assertThat(seeded).isEqualTo(1);
        }
        assertThat(store.versions()).containsExactly(1);
    }
}
