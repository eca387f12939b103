package io.coerouter.router.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StateEventsIT {

    @Test
    void aChangePublishedByOneReplicaReachesTheOthers() throws Exception {
        try (RedisTestServer server = RedisTestServer.shared();
                RedisState a = RedisState.connect(server.url(), server.prefix(), Duration.ofSeconds(2));
                RedisState b = RedisState.connect(server.url(), server.prefix(), Duration.ofSeconds(2))) {
            LinkedBlockingQueue<String> seenByB = new LinkedBlockingQueue<>();
            b.events().subscribe("experts", () -> seenByB.add("experts"));
            b.events().subscribe("skills", () -> seenByB.add("skills"));

            a.events().publish("experts");

            assertThat(seenByB.poll(5, TimeUnit.SECONDS)).isEqualTo("experts");
            assertThat(seenByB.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void anotherPrefixDoesNotHearTheChange() throws Exception {
        try (RedisTestServer server = RedisTestServer.shared();
                RedisState a = RedisState.connect(server.url(), server.prefix(), Duration.ofSeconds(2));
                RedisState other =
                        RedisState.connect(server.url(), server.prefix() + "other:", Duration.ofSeconds(2))) {
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            other.events().subscribe("experts", () -> seen.add("experts"));
            LinkedBlockingQueue<String> seenByA = new LinkedBlockingQueue<>();
            a.events().subscribe("experts", () -> seenByA.add("experts"));

            a.events().publish("experts");

            assertThat(seenByA.poll(5, TimeUnit.SECONDS)).isEqualTo("experts");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void everyListenerRunsAgainWhenTheConnectionComesBack() throws Exception {
        try (RedisTestServer server = RedisTestServer.own();
                RedisState state = RedisState.connect(server.url(), server.prefix(), Duration.ofSeconds(2))) {
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            state.events().subscribe("profiles", () -> seen.add("profiles"));
            seen.clear();

            server.stop();
            server.start();

            assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("profiles");
        }
    }
}
