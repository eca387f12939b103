package io.coerouter.router.feedback;

import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The update rule (docs/routing.md#feedback). A feedback of score {@code s} (0 wrong to 1 right) on a completion adds,
 * for each expert that answered it (or the one named) and each of the query's skills with probability {@code p}, the
 * pseudo-counts {@code weight·p·s} of right and {@code weight·p·(1-s)} of wrong answers to that expert's record on that
 * skill. Pseudo-counts decay exponentially: after {@code t} they are worth {@code 2^(-t/halfLife)} of what they were.
 * Recruiting sees the profile's counts plus the decayed pseudo-counts ({@link SkillStats#withFeedback}). A completion's
 * latest feedback replaces its earlier one: the earlier contribution, decayed as it has since, is taken back first.
 *
 * <p>The Redis store runs the same arithmetic in its Lua script; the store contract holds both to it.
 */
public final class FeedbackRule {

    /** Pseudo-counts below this (right and wrong together) count as none and are dropped. */
    public static final double NEGLIGIBLE = 1e-9;

    private FeedbackRule() {}

    /** {@code value} set at {@code fromMillis}, as it stands at {@code toMillis}; never grows (a clock behind). */
    public static double decay(double value, long fromMillis, long toMillis, long halfLifeMillis) {
        if (toMillis <= fromMillis) {
            return value;
        }
        return value * Math.pow(2, -(double) (toMillis - fromMillis) / halfLifeMillis);
    }

    /**
     * What a feedback of {@code score} on {@code record} adds.
     *
     * @param expert the one expert to credit or blame, or null for every expert that answered
     * @param weight the pseudo-counts of one feedback on a skill of probability 1
     */
    public static List<Contribution> contributions(
            CompletionRecord record, double score, String expert, double weight) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be from 0 to 1, but was " + score);
        }
        List<String> experts = expert == null ? record.experts() : List.of(expert);
        List<Contribution> out = new ArrayList<>();
        for (String e : experts) {
            for (CompletionRecord.SkillWeight s : record.skills()) {
                double amount = weight * s.probability();
                out.add(new Contribution(new FeedbackKey(e, s.skill()), amount * score, amount * (1 - score)));
            }
        }
        return out;
    }

    /**
     * The counts of every key {@code previous} or {@code next} touches once {@code next} replaces {@code previous},
     * at {@code nowMillis}; a negligible result means the key is to be removed.
     *
     * @param stored the stored counts of a key, or null when it has none
     * @param previous the feedback given on the completion before, or null
     */
    public static Map<FeedbackKey, FeedbackCounts> apply(
            Function<FeedbackKey, FeedbackCounts> stored,
            AppliedFeedback previous,
            List<Contribution> next,
            long nowMillis,
            long halfLifeMillis) {
        Map<FeedbackKey, double[]> counts = new LinkedHashMap<>();
        Function<FeedbackKey, double[]> current = key -> counts.computeIfAbsent(key, k -> {
            FeedbackCounts c = stored.apply(k);
            return c == null
                    ? new double[2]
                    : new double[] {
                        decay(c.right(), c.atMillis(), nowMillis, halfLifeMillis),
                        decay(c.wrong(), c.atMillis(), nowMillis, halfLifeMillis)
                    };
        });
        if (previous != null) {
            for (Contribution c : previous.contributions()) {
                double[] x = current.apply(c.key());
                x[0] = Math.max(0, x[0] - decay(c.right(), previous.atMillis(), nowMillis, halfLifeMillis));
                x[1] = Math.max(0, x[1] - decay(c.wrong(), previous.atMillis(), nowMillis, halfLifeMillis));
            }
        }
        for (Contribution c : next) {
            double[] x = current.apply(c.key());
            x[0] += c.right();
            x[1] += c.wrong();
        }
        Map<FeedbackKey, FeedbackCounts> out = new LinkedHashMap<>();
        counts.forEach((key, x) -> out.put(key, new FeedbackCounts(x[0], x[1], nowMillis)));
        return out;
    }

    /**
     * {@code set} with the feedback of {@code overlay} (counts by expert, then skill) decayed to {@code nowMillis}
     * added to its skill records: the view recruiting reads. Experts without feedback, and feedback on experts the set
     * has no profile of, are left as they are.
     */
    public static ProfileSet overlay(
            ProfileSet set, Map<String, Map<String, FeedbackCounts>> overlay, long nowMillis, long halfLifeMillis) {
        Map<String, ExpertProfile> experts = new LinkedHashMap<>(set.experts());
        boolean changed = false;
        for (ExpertProfile profile : set.experts().values()) {
            Map<String, FeedbackCounts> feedback = overlay.get(profile.expertId());
            if (feedback == null) {
                continue;
            }
            Map<String, SkillStats> skills = new LinkedHashMap<>(profile.skills());
            feedback.forEach((skill, counts) -> {
                FeedbackCounts now = counts.at(nowMillis, halfLifeMillis);
                if (!now.negligible()) {
                    skills.put(skill, profile.on(skill).withFeedback(now.right(), now.wrong()));
                }
            });
            experts.put(
                    profile.expertId(),
                    new ExpertProfile(profile.expertId(), skills, profile.meanLatencyMs(), profile.meanCostUsd()));
            changed = true;
        }
        return changed ? new ProfileSet(set.version(), set.createdAt(), set.source(), set.questions(), experts) : set;
    }
}
