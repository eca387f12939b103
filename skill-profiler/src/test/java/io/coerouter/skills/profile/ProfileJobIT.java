package io.coerouter.skills.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.skills.DemoPack;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Profiling the real demo experts (DJL, batched, one load per expert) on part of the profile split. */
class ProfileJobIT {

    @Test
    void eachSpecialistScoresPositiveOnItsOwnSkillOnlyAndTheGeneralistSitsBetween() {
        // Ten questions of each skill keep it quick.
        List<EvalItem> items = DemoPack.evalSet().split("profile").items().stream()
                .collect(Collectors.groupingBy(i -> i.skills().getFirst()))
                .values()
                .stream()
                .flatMap(l -> l.stream().limit(10))
                .toList();
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1L << 30, 0))) {
            ProfileSet set = ProfileJob.run(
                    new ProfileJob.Spec(DemoPack.experts(pool), items, "it", Grader.exact(), null, null, 16, 24),
                    Clock.systemUTC());
            assertThat(set.experts()).containsOnlyKeys(DemoPack.EXPERTS);
            var own = java.util.Map.of(
                    "arithmetic-expert", "arithmetic",
                    "units-expert", "unit-conversion",
                    "strings-expert", "string-manipulation",
                    "calendar-expert", "calendar",
                    "capitals-expert", "capitals");
            own.forEach((expert, skill) -> {
                ExpertProfile p = set.expert(expert).orElseThrow();
                assertThat(p.on(skill).score()).as(expert + " on " + skill).isGreaterThanOrEqualTo(8);
                own.values().stream().filter(s -> !s.equals(skill)).forEach(s -> assertThat(
                                p.on(s).score())
                        .as(expert + " on " + s)
                        .isNegative());
            });
            ExpertProfile generalist = set.expert("generalist").orElseThrow();
            assertThat(generalist.accuracy()).isBetween(0.25, 0.9);
            assertThat(generalist.totalScore())
                    .isGreaterThan(set.expert("arithmetic-expert").orElseThrow().totalScore());
            // Every local model was loaded once: the job runs each expert's questions together.
            assertThat(pool.snapshot().models())
                    .allSatisfy(m -> assertThat(m.loadsFromDisk()).isEqualTo(1));
        }
    }
}
