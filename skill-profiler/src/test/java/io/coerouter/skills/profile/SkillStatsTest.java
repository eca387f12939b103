package io.coerouter.skills.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feedback pseudo-counts add to a skill record's score and accuracy, and never to what is stored or exported. */
class SkillStatsTest {

    @Test
    void feedbackPseudoCountsCountLikeGradedAnswersInScoreAndAccuracy() {
        SkillStats profiled = new SkillStats(9, 1, 2);
        SkillStats withFeedback = profiled.withFeedback(0.5, 6.5);

        assertThat(profiled.score()).isEqualTo(8.0);
        assertThat(profiled.accuracy()).isEqualTo(0.9);
        assertThat(withFeedback.score()).isCloseTo(9.5 - 7.5, within(1e-12));
        assertThat(withFeedback.accuracy()).isCloseTo(9.5 / 17, within(1e-12));
        assertThat(withFeedback.graded())
                .as("the profiling run's graded answers only")
                .isEqualTo(10);
        assertThat(withFeedback.failed()).isEqualTo(2);
        assertThat(SkillStats.EMPTY.withFeedback(1, 0).accuracy()).isEqualTo(1.0);
    }

    @Test
    void negativeOrNonFiniteFeedbackIsRefused() {
        assertThatThrownBy(() -> SkillStats.EMPTY.withFeedback(-0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite and >= 0");
        assertThatThrownBy(() -> SkillStats.EMPTY.withFeedback(0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SkillStats.EMPTY.withFeedback(Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpertsTotalScoreAndAccuracyIncludeItsFeedback() {
        ExpertProfile p = new ExpertProfile(
                "a",
                Map.of("math", new SkillStats(9, 1, 0).withFeedback(0, 4), "geo", new SkillStats(3, 7, 0)),
                1,
                BigDecimal.ZERO);

        assertThat(p.totalScore()).isCloseTo(8 - 4 - 4, within(1e-12));
        assertThat(p.accuracy()).isCloseTo(12.0 / 24, within(1e-12));
    }

    @Test
    void feedbackIsNeitherExportedNorImported() {
        ProfileSet set = new ProfileSet(
                3,
                Instant.parse("2026-01-01T00:00:00Z"),
                "unit",
                10,
                Map.of(
                        "a",
                        new ExpertProfile(
                                "a", Map.of("math", new SkillStats(9, 1, 0).withFeedback(2, 3)), 1, BigDecimal.ONE)));

        String json = ProfileJson.write(set);

        assertThat(json).doesNotContain("feedback");
        SkillStats read = ProfileJson.read(json).experts().get("a").on("math");
        assertThat(read).isEqualTo(new SkillStats(9, 1, 0));
        String smuggled = json.replace("\"failed\" : 0", "\"failed\" : 0, \"feedbackWrong\" : 50");
        assertThat(smuggled).contains("feedbackWrong");
        assertThat(ProfileJson.read(smuggled).experts().get("a").on("math").feedbackWrong())
                .as("an import cannot state feedback")
                .isZero();
    }
}
