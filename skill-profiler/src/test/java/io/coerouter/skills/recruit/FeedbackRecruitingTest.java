package io.coerouter.skills.recruit;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ChatMessage;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Both recruiting methods read feedback pseudo-counts through the profiles they are given ({@link
 * SkillStats#withFeedback}): enough negative feedback on the best expert for a skill routes that skill to another.
 * Profiles: A math 9/1, B math 7/3.
 */
class FeedbackRecruitingTest {

    private static final SkillTaxonomy TAXONOMY = new SkillTaxonomy(List.of(new Skill("math", "numbers", List.of())));

    private static ProfileSet profiles(double aRight, double aWrong) {
        return new ProfileSet(
                1,
                Instant.EPOCH,
                "test",
                10,
                Map.of(
                        "A",
                        new ExpertProfile(
                                "A",
                                Map.of("math", new SkillStats(9, 1, 0).withFeedback(aRight, aWrong)),
                                1,
                                BigDecimal.ZERO),
                        "B",
                        new ExpertProfile("B", Map.of("math", new SkillStats(7, 3, 0)), 1, BigDecimal.ZERO)));
    }

    private static String chosen(RoutingMethod method, ProfileSet profiles) {
        SkillClassifier never = new SkillClassifier() {
            @Override
            public SkillTaxonomy taxonomy() {
                return TAXONOMY;
            }

            @Override
            public SkillClassification doClassify(String query) {
                throw new AssertionError("the skill is named");
            }
        };
        Recruiter recruiter = Recruiter.skills(
                () -> never,
                () -> Optional.of(profiles),
                () -> Set.of("A", "B"),
                id -> true,
                RecruitConfig.builder().method(method).k(1).build(),
                "B");
        return recruiter
                .recruit(new RoutingQuery(List.of(ChatMessage.user("2 + 2?")), null, List.of("math")))
                .experts()
                .getFirst()
                .expertId();
    }

    @Test
    void categoryRoutingRanksByAccuracyWithFeedback() {
        assertThat(chosen(RoutingMethod.CATEGORY, profiles(0, 0))).isEqualTo("A");
        // A: 9 / (10 + 3) = 0.69 < B's 0.7.
        assertThat(chosen(RoutingMethod.CATEGORY, profiles(0, 3))).isEqualTo("B");
        // Positive feedback wins it back: (9 + 4) / 17 = 0.76.
        assertThat(chosen(RoutingMethod.CATEGORY, profiles(4, 3))).isEqualTo("A");
    }

    @Test
    void symbolicMoeScoresWithFeedback() {
        assertThat(chosen(RoutingMethod.SYMBOLIC_MOE, profiles(0, 0))).isEqualTo("A");
        // A: 9 - 1 - 4.5 = 3.5 < B's 4.
        assertThat(chosen(RoutingMethod.SYMBOLIC_MOE, profiles(0, 4.5))).isEqualTo("B");
    }
}
