package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadLimitsTest {

    private static UploadLimits limits(int places, int perKey, Duration timeout) {
        return new UploadLimits(FileStore.inMemory(Clock.systemUTC()), 1000, 10_000, 5000, 10, places, perKey, timeout);
    }

    private static UploadLimits.Refusal refusal(ThrowingRunnable action) {
        try {
            action.run();
        } catch (UploadLimits.RefusedException e) {
            return e.refusal();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return null;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aKeyHoldsAtMostItsShareWhileOtherKeysStillGetPlaces() throws Exception {
        UploadLimits limits = limits(3, 1, Duration.ofMinutes(1));
        UploadLimits.Upload first = limits.begin("key_a", -1);

        assertThat(refusal(() -> limits.begin("key_a", -1))).isEqualTo(UploadLimits.Refusal.KEY_UPLOADS);
        UploadLimits.Upload other = limits.begin("key_b", -1);

        first.close();
        limits.begin("key_a", -1).close();
        other.close();
    }

    @Test
    void aKeyRefusedForItsShareTakesNoPlace() throws Exception {
        UploadLimits limits = limits(2, 1, Duration.ofMinutes(1));
        UploadLimits.Upload held = limits.begin("key_a", -1);
        for (int i = 0; i < 5; i++) {
            assertThat(refusal(() -> limits.begin("key_a", -1))).isEqualTo(UploadLimits.Refusal.KEY_UPLOADS);
        }

        UploadLimits.Upload other = limits.begin("key_b", -1);

        assertThat(refusal(() -> limits.begin("key_c", -1))).isEqualTo(UploadLimits.Refusal.TOO_MANY_UPLOADS);
        held.close();
        other.close();
    }

    @Test
    void withoutKeysOnlyTheRoutersLimitApplies() throws Exception {
        UploadLimits limits = limits(2, 1, Duration.ofMinutes(1));
        UploadLimits.Upload a = limits.begin(null, -1);
        UploadLimits.Upload b = limits.begin(null, -1);

        assertThat(refusal(() -> limits.begin(null, -1))).isEqualTo(UploadLimits.Refusal.TOO_MANY_UPLOADS);
        a.close();
        b.close();
    }

    @Test
    void aBodyStillReadPastTheDeadlineIsCutOffAndItsPlaceIsFreed() throws Exception {
        UploadLimits limits = limits(1, 1, Duration.ofMillis(100));
        UploadLimits.Upload upload = limits.begin("key_a", -1);
        InputStream body = upload.watch(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(body.read()).isEqualTo(1);

        Thread.sleep(300);

        assertThatThrownBy(() -> body.read(new byte[2], 0, 2))
                .isInstanceOfSatisfying(UploadLimits.RefusedException.class, e -> assertThat(e.refusal())
                        .isEqualTo(UploadLimits.Refusal.UPLOAD_TIMEOUT));
        upload.close();
        limits.begin("key_a", -1).close();
    }
}
