package io.coerouter.router.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ResponseBufferTest {

    private final ManualClock clock = new ManualClock();
    private final List<Abandonment> reported = new CopyOnWriteArrayList<>();

    private ResponseBuffer<String> buffer(long maxBytes) {
        return new ResponseBuffer<>(new StreamConfig(maxBytes, Duration.ofSeconds(30)), clock, reported::add);
    }

    @Test
    void eachPieceReachesTheClientAsWrittenWithTheEndAfterTheLast() throws Exception {
        ResponseBuffer<String> buffer = buffer(1024);
        assertThat(buffer.append("Hello")).isTrue();
        assertThat(buffer.append(", ")).isTrue();
        assertThat(buffer.append("world")).isTrue();
        buffer.end("done");

        assertThat(buffer.take()).contains(new ResponseBuffer.Batch<>("Hello", false, null));
        buffer.written();
        assertThat(buffer.take()).contains(new ResponseBuffer.Batch<>(", ", false, null));
        buffer.written();
        assertThat(buffer.take()).contains(new ResponseBuffer.Batch<>("world", false, "done"));
        buffer.written();
        assertThat(buffer.take()).as("nothing after the end").isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void textPilingUpForASlowClientIsCoalescedIntoFewerPieces() throws Exception {
        ResponseBuffer<String> buffer = buffer(1024 * 1024);
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < ResponseBuffer.MAX_PIECES * 4; i++) {
            String piece = " w" + i;
            assertThat(buffer.append(piece)).isTrue();
            written.append(piece);
        }
        buffer.end("done");

        StringBuilder read = new StringBuilder();
        int pieces = 0;
        for (var batch = buffer.take(); batch.isPresent(); batch = buffer.take()) {
            read.append(batch.get().text());
            pieces++;
            buffer.written();
        }

        assertThat(read).hasToString(written.toString());
        assertThat(pieces).isEqualTo(ResponseBuffer.MAX_PIECES);
    }

    @Test
    void aClientThatFallsTooFarBehindIsDroppedAndItsTextReleased() {
        ResponseBuffer<String> buffer = buffer(150); // two short pieces with their overhead

        assertThat(buffer.append("abcd")).isTrue();
        assertThat(buffer.append("efgh")).isTrue();
        assertThat(buffer.append("ijkl")).as("over the cap").isFalse();

        assertThat(buffer.abandoned()).contains(Abandonment.BUFFER_FULL);
        assertThat(buffer.buffered()).isZero();
        assertThat(buffer.append("more")).as("later text is dropped").isFalse();
        assertThat(buffer.buffered()).isZero();
        assertThat(reported).containsExactly(Abandonment.BUFFER_FULL);
    }

    @Test
    void aWriteBlockedPastTheIdleTimeoutAbandonsTheResponse() throws Exception {
        ResponseBuffer<String> buffer = buffer(1024);
        buffer.append("first");
        buffer.take().orElseThrow(); // the writer now writes, and the client reads nothing
        buffer.append("second");

        clock.advance(Duration.ofSeconds(31));

        assertThat(buffer.append("third")).isFalse();
        assertThat(buffer.abandoned()).contains(Abandonment.CLIENT_IDLE);
        assertThat(buffer.buffered()).isZero();
        assertThat(buffer.take()).isEmpty();
        assertThat(reported).containsExactly(Abandonment.CLIENT_IDLE);
    }

    @Test
    void aClientThatReadsSlowlyButSteadilyIsKept() throws Exception {
        ResponseBuffer<String> buffer = buffer(1024);
        for (int i = 0; i < 5; i++) {
            buffer.append("piece " + i);
            buffer.take().orElseThrow();
            clock.advance(Duration.ofSeconds(20)); // each write takes long, none past the idle timeout
            buffer.written();
        }
        buffer.checkIdle();

        assertThat(buffer.append("last")).isTrue();
        assertThat(buffer.abandoned()).isEmpty();
    }

    @Test
    void aBufferNothingWasWrittenToCanBeDiscardedAndEndsItsConsumer() throws Exception {
        ResponseBuffer<String> unused = buffer(1024);
        assertThat(unused.discardIfUnused()).isTrue();
        assertThat(unused.take()).isEmpty();

        ResponseBuffer<String> used = buffer(1024);
        used.keepAlive();
        assertThat(used.discardIfUnused())
                .as("a keep-alive starts the response")
                .isFalse();
        assertThat(used.take()).contains(new ResponseBuffer.Batch<>("", true, null));
    }

    @Test
    void onlyTheFirstReasonToGiveUpCounts() {
        ResponseBuffer<String> buffer = buffer(1024);
        buffer.abandon(Abandonment.CLIENT_GONE);
        buffer.abandon(Abandonment.CLIENT_IDLE);

        assertThat(buffer.abandoned()).contains(Abandonment.CLIENT_GONE);
        assertThat(reported).containsExactly(Abandonment.CLIENT_GONE);
    }

    @Test
    void invalidLimitsAreRefusedByName() {
        assertThatThrownBy(() -> new StreamConfig(0, Duration.ofSeconds(1)))
                .hasMessage("maxBufferedBytes must be > 0, but was 0");
        assertThatThrownBy(() -> new StreamConfig(1, Duration.ZERO))
                .hasMessage("idleTimeout must be > 0, but was PT0S");
    }
}
