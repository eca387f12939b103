package io.coerouter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The swap studies' traffic, from one seed: an online stream (Poisson arrivals, each request for a uniformly random
 * expert) and an offline batch (every request at time 0, in random expert order), with a question of the expert's
 * skill from the demo evaluation set for each request.
 *
 * @param online the online stream, in arrival order
 * @param offline the offline batch
 */
record SwapWorkload(List<Arrival> online, List<Arrival> offline) {

    /** One request: when it arrives (nanoseconds from the start), for which expert (an index), what it asks. */
    record Arrival(long atNanos, int expert, String question) {}

    /**
     * Draws the online stream, then the offline batch, from one {@link Random} seeded with {@code seed}.
     *
     * @param questions per expert, the questions it may be asked
     * @param requests online requests
     * @param rate online arrivals per second
     * @param offline offline requests
     */
    static SwapWorkload generate(long seed, List<List<String>> questions, int requests, double rate, int offline) {
        Random random = new Random(seed);
        int e = questions.size();
        List<Arrival> stream = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < requests; i++) {
            at += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
            int x = random.nextInt(e);
            stream.add(new Arrival(at, x, pick(questions.get(x), random)));
        }
        List<Arrival> batch = new ArrayList<>();
        for (int i = 0; i < offline; i++) {
            int x = random.nextInt(e);
            batch.add(new Arrival(0, x, pick(questions.get(x), random)));
        }
        return new SwapWorkload(List.copyOf(stream), List.copyOf(batch));
    }

    /** Per expert, questions of its skill from the demo evaluation set (every skill for the generalist and large). */
    static List<List<String>> questions(List<String> ids, boolean large) throws Exception {
        List<DemoPack.Question> all = DemoPack.questions();
        List<List<String>> byExpert = new ArrayList<>();
        for (String id : ids) {
            String skill = large ? null : DemoPack.SKILL.get(id.replaceAll("-\\d+$", ""));
            byExpert.add(all.stream()
                    .filter(q -> skill == null || skill.equals(q.skill()))
                    .map(DemoPack.Question::text)
                    .toList());
        }
        return byExpert;
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
