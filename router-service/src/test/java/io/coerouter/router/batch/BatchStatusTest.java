package io.coerouter.router.batch;

import static io.coerouter.router.batch.BatchStatus.CANCELLED;
import static io.coerouter.router.batch.BatchStatus.CANCELLING;
import static io.coerouter.router.batch.BatchStatus.COMPLETED;
import static io.coerouter.router.batch.BatchStatus.EXPIRED;
import static io.coerouter.router.batch.BatchStatus.FAILED;
import static io.coerouter.router.batch.BatchStatus.FINALIZING;
import static io.coerouter.router.batch.BatchStatus.IN_PROGRESS;
import static io.coerouter.router.batch.BatchStatus.VALIDATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every move between two batch states, allowed or refused. */
class BatchStatusTest {

    /** The allowed moves, written out once more by hand. */
    private static final Map<BatchStatus, Set<BatchStatus>> ALLOWED = Map.of(
            VALIDATING, EnumSet.of(IN_PROGRESS, CANCELLING, FAILED),
            IN_PROGRESS, EnumSet.of(IN_PROGRESS, FINALIZING, CANCELLING, FAILED),
            FINALIZING, EnumSet.of(IN_PROGRESS, COMPLETED, EXPIRED, CANCELLING, CANCELLED, FAILED),
            CANCELLING, EnumSet.of(CANCELLING, CANCELLED, FAILED),
            COMPLETED, EnumSet.noneOf(BatchStatus.class),
            FAILED, EnumSet.noneOf(BatchStatus.class),
            EXPIRED, EnumSet.noneOf(BatchStatus.class),
            CANCELLED, EnumSet.noneOf(BatchStatus.class));

    @Test
    void everyAllowedMoveIsMadeAndEveryOtherIsRefusedWithATypedError() {
        int allowed = 0;
        int refused = 0;
        for (BatchStatus from : BatchStatus.values()) {
            for (BatchStatus to : BatchStatus.values()) {
                if (ALLOWED.get(from).contains(to)) {
                    assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isTrue();
                    assertThat(from.moveTo(to)).isEqualTo(to);
                    allowed++;
                } else {
                    assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isFalse();
                    assertThatThrownBy(() -> from.moveTo(to))
                            .isInstanceOfSatisfying(BatchTransitionException.class, e -> {
                                assertThat(e.from()).isEqualTo(from);
                                assertThat(e.to()).isEqualTo(to);
                            })
                            .hasMessage("a batch cannot move from " + from.openAiName() + " to " + to.openAiName());
                    refused++;
                }
            }
        }
        assertThat(allowed).isEqualTo(16);
        assertThat(refused).isEqualTo(64 - 16);
    }

    @Test
    void theEndStatesAreTheOnesNoMoveLeaves() {
        assertThat(EnumSet.allOf(BatchStatus.class).stream().filter(BatchStatus::finished))
                .containsExactlyInAnyOrder(COMPLETED, FAILED, EXPIRED, CANCELLED);
    }

    @Test
    void eachStateHasOpenAisLowerCaseName() {
        assertThat(EnumSet.allOf(BatchStatus.class).stream().map(BatchStatus::openAiName))
                .containsExactly(
                        "validating",
                        "in_progress",
                        "finalizing",
                        "completed",
                        "failed",
                        "expired",
                        "cancelling",
                        "cancelled");
        for (BatchStatus s : BatchStatus.values()) {
            assertThat(BatchStatus.ofOpenAiName(s.openAiName())).isEqualTo(s);
            assertThat(s).hasToString(s.openAiName());
        }
        assertThatThrownBy(() -> BatchStatus.ofOpenAiName("IN_PROGRESS")).isInstanceOf(IllegalArgumentException.class);
    }
}
