package io.coerouter.router.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The update rule and its decay, against hand-computed figures. */
class FeedbackRuleTest {

    private static final long HOUR = 3_600_000;
    private static final long HALF_LIFE = 10 * HOUR;

    private static final CompletionRecord RECORD = new CompletionRecord(
            "chatcmpl-1",
            "key_1",
            List.of("alpha", "beta"),
            List.of(new CompletionRecord.SkillWeight("math", 0.75), new CompletionRecord.SkillWeight("geo", 0.25)),
            Instant.parse("2026-01-02T00:00:00Z"));

    private static final FeedbackKey ALPHA_MATH = new FeedbackKey("alpha", "math");

    @Test
    void aScoreSplitsEachSkillsWeightIntoRightAndWrongForEveryAnsweringExpert() {
        List<Contribution> c = FeedbackRule.contributions(RECORD, 0.2, null, 4);

        assertThat(c).hasSize(4);
        assertThat(c.getFirst().key()).isEqualTo(ALPHA_MATH);
        assertThat(c.getFirst().right()).isCloseTo(4 * 0.75 * 0.2, within(1e-12));
        assertThat(c.getFirst().wrong()).isCloseTo(4 * 0.75 * 0.8, within(1e-12));
        assertThat(c.get(1).key()).isEqualTo(new FeedbackKey("alpha", "geo"));
        assertThat(c.get(1).wrong()).isCloseTo(4 * 0.25 * 0.8, within(1e-12));
        assertThat(c.get(2).key().expert()).isEqualTo("beta");
    }

    @Test
    void feedbackOnOneExpertLeavesTheOthersAlone() {
        List<Contribution> c = FeedbackRule.contributions(RECORD, 1, "beta", 1);

        assertThat(c).extracting(x -> x.key().expert()).containsOnly("beta");
        assertThat(c.getFirst().right()).isEqualTo(0.75);
        assertThat(c.getFirst().wrong()).isZero();
    }

    @Test
    void aScoreOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> FeedbackRule.contributions(RECORD, 1.5, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedbackRule.contributions(RECORD, -0.1, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pseudoCountsHalveEveryHalfLifeAndNeverGrowWhenTheClockIsBehind() {
        assertThat(FeedbackRule.decay(8, 0, HALF_LIFE, HALF_LIFE)).isCloseTo(4, within(1e-12));
        assertThat(FeedbackRule.decay(8, 0, 3 * HALF_LIFE, HALF_LIFE)).isCloseTo(1, within(1e-12));
        assertThat(FeedbackRule.decay(8, 0, HALF_LIFE / 2, HALF_LIFE)).isCloseTo(8 / Math.sqrt(2), within(1e-12));
        assertThat(FeedbackRule.decay(8, HALF_LIFE, 0, HALF_LIFE)).isEqualTo(8);
    }

    @Test
    void newFeedbackIsAddedToTheDecayedCounts() {
        FeedbackCounts stored = new FeedbackCounts(2, 6, 0);

        Map<FeedbackKey, FeedbackCounts> after = FeedbackRule.apply(
                key -> stored, null, List.of(new Contribution(ALPHA_MATH, 0, 1)), HALF_LIFE, HALF_LIFE);

        assertThat(after.get(ALPHA_MATH).right()).isCloseTo(1, within(1e-12));
        assertThat(after.get(ALPHA_MATH).wrong()).isCloseTo(3 + 1, within(1e-12));
        assertThat(after.get(ALPHA_MATH).atMillis()).isEqualTo(HALF_LIFE);
    }

    @Test
    void aCompletionsLatestFeedbackReplacesItsEarlierOneAsDecayedSince() {
        // Earlier feedback added 4 wrong at 0; others added 2 right at 0. After one half-life: 1 right, 2 wrong.
        FeedbackCounts stored = new FeedbackCounts(2, 4, 0);
        AppliedFeedback earlier = new AppliedFeedback(0, List.of(new Contribution(ALPHA_MATH, 0, 4)));

        Map<FeedbackKey, FeedbackCounts> after = FeedbackRule.apply(
                key -> stored, earlier, List.of(new Contribution(ALPHA_MATH, 3, 0)), HALF_LIFE, HALF_LIFE);

        assertThat(after.get(ALPHA_MATH).right()).isCloseTo(1 + 3, within(1e-12));
        assertThat(after.get(ALPHA_MATH).wrong()).isCloseTo(0, within(1e-12));
    }

    @Test
    void takingBackNeverLeavesNegativeCountsAndWhatIsLeftOfNothingIsNegligible() {
        AppliedFeedback earlier = new AppliedFeedback(0, List.of(new Contribution(ALPHA_MATH, 0, 4)));

        Map<FeedbackKey, FeedbackCounts> after =
                FeedbackRule.apply(key -> new FeedbackCounts(0, 1, 0), earlier, List.of(), HALF_LIFE, HALF_LIFE);

        assertThat(after.get(ALPHA_MATH).wrong()).isZero();
        assertThat(after.get(ALPHA_MATH).negligible()).isTrue();
    }

    @Test
    void theOverlayAddsDecayedCountsToTheProfilesAndLeavesTheRestAsItWas() {
        ExpertProfile alpha = new ExpertProfile("alpha", Map.of("math", new SkillStats(9, 1, 0)), 5, BigDecimal.ONE);
        ExpertProfile beta = new ExpertProfile("beta", Map.of("math", new SkillStats(2, 8, 0)), 5, BigDecimal.ONE);
        ProfileSet set = new ProfileSet(4, Instant.EPOCH, "seed", 10, Map.of("alpha", alpha, "beta", beta));
        Map<String, Map<String, FeedbackCounts>> overlay = Map.of(
                "alpha", Map.of("math", new FeedbackCounts(2, 40, 0), "geo", new FeedbackCounts(0, 8, 0)),
                "gamma", Map.of("math", new FeedbackCounts(5, 0, 0)));

        ProfileSet view = FeedbackRule.overlay(set, overlay, HALF_LIFE, HALF_LIFE);

        SkillStats math = view.experts().get("alpha").on("math");
        assertThat(math.correct()).isEqualTo(9);
        assertThat(math.feedbackRight()).isCloseTo(1, within(1e-12));
        assertThat(math.feedbackWrong()).isCloseTo(20, within(1e-12));
        assertThat(math.accuracy()).isCloseTo(10.0 / 31, within(1e-12));
        assertThat(view.experts().get("alpha").on("geo").score()).isCloseTo(-4, within(1e-12));
        assertThat(view.experts().get("beta")).isSameAs(beta);
        assertThat(view.experts()).doesNotContainKey("gamma");
        assertThat(view.version()).isEqualTo(4);
        assertThat(set.experts().get("alpha").on("math").feedbackWrong())
                .as("the profiles themselves are unchanged")
                .isZero();
        assertThat(FeedbackRule.overlay(set, Map.of(), 0, HALF_LIFE)).isSameAs(set);
    }
}
