package io.coerouter.router.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.router.config.FeedbackProperties;
import io.coerouter.router.testing.ManualClock;
import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routing's view of the feedback: read from the store on refresh, decayed by the injected clock, made once. */
class FeedbackOverlayTest {

    private final ManualClock clock = new ManualClock();
    private final FeedbackStore store = FeedbackStore.inMemory(100, clock);
    private static final FeedbackProperties ON = FeedbackProperties.defaults().withEnabled(true);
    private static final ProfileSet PROFILES = new ProfileSet(
            1,
            Instant.EPOCH,
            "seed",
            10,
            Map.of("alpha", new ExpertProfile("alpha", Map.of("math", new SkillStats(9, 1, 0)), 1, BigDecimal.ZERO)));

    private void giveWrong(double wrong) {
        CompletionRecord record = new CompletionRecord(
                "chatcmpl-" + Math.round(wrong * 1000),
                null,
                List.of("alpha"),
                List.of(new CompletionRecord.SkillWeight("math", 1)),
                clock.instant().plus(Duration.ofHours(1)));
        store.remember(record);
        store.apply(
                record,
                List.of(new Contribution(new FeedbackKey("alpha", "math"), 0, wrong)),
                clock.millis(),
                ON.halfLife().toMillis());
    }

    @Test
    void switchedOffTheProfilesPassUnchanged() {
        giveWrong(4);
        FeedbackOverlay overlay = FeedbackOverlay.of(FeedbackProperties.defaults(), store, clock);
        overlay.refresh();

        assertThat(overlay.apply(PROFILES)).isSameAs(PROFILES);
        assertThat(overlay.apply(Optional.<ProfileSet>empty())).isEmpty();
    }

    @Test
    void feedbackReachesRoutingOnRefreshAndDecaysWithTheClock() {
        FeedbackOverlay overlay = FeedbackOverlay.of(ON, store, clock);
        overlay.refresh();
        giveWrong(4);

        assertThat(overlay.apply(PROFILES)).as("not read yet").isSameAs(PROFILES);
        overlay.refresh();
        ProfileSet view = overlay.apply(PROFILES);
        assertThat(view.experts().get("alpha").on("math").feedbackWrong()).isCloseTo(4, within(1e-9));
        assertThat(view.experts().get("alpha").on("math").accuracy()).isCloseTo(9.0 / 14, within(1e-9));

        clock.advance(ON.halfLife());
        assertThat(overlay.apply(PROFILES).experts().get("alpha").on("math").feedbackWrong())
                .isCloseTo(2, within(1e-9));
        assertThat(overlay.current().get(new FeedbackKey("alpha", "math")).wrong())
                .isCloseTo(2, within(1e-9));
    }

    @Test
    void theViewIsMadeOncePerRefreshIntervalAndAgainForOtherProfiles() {
        FeedbackOverlay overlay = FeedbackOverlay.of(ON, store, clock);
        giveWrong(4);
        overlay.refresh();

        ProfileSet first = overlay.apply(PROFILES);
        clock.advance(ON.refresh().dividedBy(2));
        assertThat(overlay.apply(PROFILES)).isSameAs(first);
        assertThat(overlay.apply(PROFILES.withVersion(2)).version()).isEqualTo(2);
        clock.advance(ON.refresh());
        assertThat(overlay.apply(PROFILES)).isNotSameAs(first);
    }

    @Test
    void decayedToNothingFeedbackIsLeftOut() {
        FeedbackOverlay overlay = FeedbackOverlay.of(ON, store, clock);
        giveWrong(1);
        overlay.refresh();

        clock.advance(ON.halfLife().multipliedBy(40)); // 2^-40: under the negligible threshold

        assertThat(overlay.current()).isEmpty();
        assertThat(overlay.apply(PROFILES).experts().get("alpha").on("math").feedbackWrong())
                .isZero();
    }
}
