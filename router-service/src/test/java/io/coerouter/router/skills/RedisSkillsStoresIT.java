package io.coerouter.router.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.state.StateUnavailableException;
import io.coerouter.skills.profile.ProfileSet;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis profile and taxonomy stores pass the same contracts against a real Redis server; the profile store's
 * cached current set follows other replicas' saves and outlives an outage.
 */
class RedisSkillsStoresIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static RedisState connect(RedisTestServer server) {
        return server.connect(Duration.ofMillis(500));
    }

    /** Polls {@code read} until it is present, for up to 5 seconds (events arrive on their own thread). */
    private static <T> Optional<T> await(Supplier<Optional<T>> read) throws InterruptedException {
        Optional<T> value = read.get();
        for (int i = 0; i < 100 && value.isEmpty(); i++) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }

    @Nested
    class Profiles extends ProfileStoreContract {
        @Override
        SharedProfileStore store(int keep) {
            return RedisProfileStore.open(connect(SERVER), keep);
        }

        @Override
        SharedProfileStore replica(SharedProfileStore store, int keep) {
            return RedisProfileStore.open(connect(SERVER), keep);
        }
    }

    @Nested
    class Taxonomy extends TaxonomyStoreContract {
        @Override
        TaxonomyStore store() {
            return new RedisTaxonomyStore(connect(SERVER), clock);
        }

        @Override
        TaxonomyStore replica(TaxonomyStore store) {
            return new RedisTaxonomyStore(connect(SERVER), clock);
        }
    }

    @Test
    void aSetSavedThroughOneReplicaBecomesTheOthersCurrentSet() throws Exception {
        RedisProfileStore first = RedisProfileStore.open(connect(SERVER), 3);
        RedisProfileStore second = RedisProfileStore.open(connect(SERVER), 3);
        first.save(ProfileStoreContract.set("a", "maths", 5));

        ProfileSet saved = first.save(ProfileStoreContract.set("a", "maths", 9));

        Optional<ProfileSet> seen = await(() -> second.current().filter(s -> s.version() == saved.version()));
        assertThat(seen).hasValueSatisfying(s -> assertThat(
                        s.expert("a").orElseThrow().on("maths").correct())
                .isEqualTo(9));
    }

    @Test
    void duringAnOutageTheLastSetIsServedAndSavesFailUntilRedisIsBack() throws Exception {
        try (RedisTestServer own = RedisTestServer.own()) {
            RedisProfileStore store = RedisProfileStore.open(connect(own), 3);
            ProfileSet saved = store.save(ProfileStoreContract.set("a", "maths", 5));

            own.stop();

            assertThat(store.current()).contains(saved);
            assertThatThrownBy(() -> store.save(ProfileStoreContract.set("a", "maths", 6)))
                    .isInstanceOf(StateUnavailableException.class);
            store.refresh();
            assertThat(store.current()).contains(saved);

            own.start(); // empty: this server keeps nothing on disk
            Optional<ProfileSet> after = Optional.empty();
            for (int i = 0; i < 100 && after.isEmpty(); i++) {
                Thread.sleep(100); // Lettuce reconnects by itself
                try {
                    after = Optional.of(store.save(ProfileStoreContract.set("a", "maths", 7)));
                } catch (StateUnavailableException stillDown) {
                    // not yet
                }
            }
            assertThat(after).isPresent();
            assertThat(store.current()).isEqualTo(after);
        }
    }
}
