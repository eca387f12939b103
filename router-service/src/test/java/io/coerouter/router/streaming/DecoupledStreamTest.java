package io.coerouter.router.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DecoupledStreamTest {

    private static final StreamConfig CONFIG = new StreamConfig(1024 * 1024, Duration.ofSeconds(30));

    private final ManualClock clock = new ManualClock();
    private final List<Abandonment> reported = new CopyOnWriteArrayList<>();

    /** A client: records what reaches it; its first write blocks until {@link #reads} opens (a client not reading). */
    private static final class Client implements StreamSink<String> {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch reads = new CountDownLatch(1);
        volatile boolean gone;

        @Override
        public void text(String text) throws IOException {
            write("text:" + text);
        }

        @Override
        public void keepAlive() throws IOException {
            write("keep-alive");
        }

        @Override
        public void end(String end) throws IOException {
            write("end:" + end);
        }

        private void write(String what) throws IOException {
            writing.countDown();
            try {
                reads.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (gone) {
                throw new IOException("Broken pipe");
            }
            received.add(what);
        }
    }

    private DecoupledStream<String> start(Client client) {
        return DecoupledStream.start(CONFIG, clock, client, reported::add, "test-writer");
    }

    @Test
    void theProducerFinishesWhileTheClientIsNotReadingAndTheClientGetsEverythingLater() throws Exception {
        Client client = new Client();
        try (DecoupledStream<String> stream = start(client)) {
            stream.append("first");
            client.writing.await(); // the writer is stuck in the client's socket
            for (int i = 0; i < 1000; i++) {
                stream.append(" " + i);
            }
            stream.end("stop");
            assertThat(client.received)
                    .as("the producer ran ahead of the client")
                    .isEmpty();

            client.reads.countDown();
        }

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.append(' ').append(i);
        }
        assertThat(client.received.getFirst()).isEqualTo("text:first");
        assertThat(client.received.getLast()).isEqualTo("end:stop");
        assertThat(String.join("", client.received.subList(1, client.received.size() - 1))
                        .replace("text:", ""))
                .isEqualTo(expected.toString());
        assertThat(reported).isEmpty();
    }

    @Test
    void aClientThatDisconnectsIsDroppedWithoutTheProducerNoticing() throws Exception {
        Client client = new Client();
        client.gone = true;
        client.reads.countDown();
        try (DecoupledStream<String> stream = start(client)) {
            stream.append("first");
            client.writing.await();
            for (int i = 0; i < 100; i++) {
                stream.append("more"); // never throws: the expert keeps generating as if nothing happened
            }
            stream.end("stop");
        }

        assertThat(client.received).isEmpty();
        assertThat(reported).containsExactly(Abandonment.CLIENT_GONE);
    }

    @Test
    void aClientThatStopsReadingIsAbandonedAfterTheIdleTimeoutAndItsTextReleased() throws Exception {
        Client client = new Client();
        DecoupledStream<String> stream = start(client);
        stream.append("first");
        client.writing.await();
        stream.append("waiting");

        clock.advance(CONFIG.idleTimeout().plusSeconds(1));
        stream.append("after the timeout");
        stream.end("stop");

        assertThat(stream.abandoned()).contains(Abandonment.CLIENT_IDLE);
        client.gone = true; // the server's own write timeout fails the blocked write
        client.reads.countDown();
        stream.close();
        assertThat(client.received).isEmpty();
        assertThat(reported).containsExactly(Abandonment.CLIENT_IDLE);
    }

    @Test
    void nothingReachesTheClientWhenTheAnswerFailsBeforeAnyText() {
        Client client = new Client();
        client.reads.countDown();
        try (DecoupledStream<String> stream = start(client)) {
            assertThat(stream.discardIfUnused()).isTrue();
            stream.append("too late");
        }

        assertThat(client.received).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void aProducerThatStopsWithoutAnEndStillLetsTheWriterFinish() {
        Client client = new Client();
        client.reads.countDown();
        try (DecoupledStream<String> stream = start(client)) {
            stream.append("half an answer");
            // then the producer fails past recovery, before it can end the answer
        }

        assertThat(client.received).containsExactly("text:half an answer");
    }

    @Test
    void aKeepAliveStartsTheResponseBeforeAnyText() throws Exception {
        Client client = new Client();
        client.reads.countDown();
        try (DecoupledStream<String> stream = start(client)) {
            stream.keepAlive();
            client.writing.await();
            assertThat(stream.discardIfUnused()).isFalse();
            stream.append("answer");
            stream.end("stop");
        }

        assertThat(client.received).containsSubsequence("keep-alive", "end:stop");
        assertThat(String.join("", client.received)).contains("answer");
    }
}
