package io.coerouter.skills.recruit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Takes k experts from weighted candidates, as {@link RecruitConfig#selection()} and its seed and repeats say. */
final class WeightedChoice {

    private WeightedChoice() {}

    /** Up to {@code k} of {@code candidates} (heaviest first, as they are), heaviest first. */
    static List<Recruit> choose(RecruitConfig config, List<Recruit> candidates, int k) {
        if (config.selection() == RecruitConfig.Selection.TOP_K) {
            return topK(candidates, k, config.repeats());
        }
        Random random = config.seed() == null ? new Random() : new Random(config.seed());
        List<Recruit> pool = new ArrayList<>(candidates);
        List<Recruit> chosen = new ArrayList<>();
        while (chosen.size() < k && !pool.isEmpty()) {
            Recruit drawn = draw(pool, random);
            if (!config.repeats()) {
                pool.remove(drawn);
            }
            chosen.add(drawn);
        }
        chosen.sort(Comparator.comparingDouble(Recruit::score).reversed());
        return chosen;
    }

    /** The {@code k} heaviest; with repeats, the heaviest again, in turn, until there are {@code k}. */
    static List<Recruit> topK(List<Recruit> candidates, int k, boolean repeats) {
        List<Recruit> chosen = new ArrayList<>(candidates.subList(0, Math.min(k, candidates.size())));
        for (int i = 0; repeats && chosen.size() < k; i++) {
            chosen.add(candidates.get(i % candidates.size()));
        }
        return chosen;
    }

    /** One of {@code pool}, drawn in proportion to its score. */
    private static Recruit draw(List<Recruit> pool, Random random) {
        double total = pool.stream().mapToDouble(Recruit::score).sum();
        double r = random.nextDouble() * total;
        for (Recruit c : pool) {
            r -= c.score();
            if (r <= 0) {
                return c;
            }
        }
        return pool.getLast();
    }
}
