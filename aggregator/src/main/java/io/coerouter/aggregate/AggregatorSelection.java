package io.coerouter.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Chooses the aggregator as Symbolic-MoE does: from profiling outputs, each question with at least one right and two
 * wrong expert answers becomes a task of one right and two wrong answers, shuffled; each candidate aggregator is
 * scored on recovering the right answer, overall and per skill.
 */
public final class AggregatorSelection {

    /**
     * One profiled question and what the experts answered.
     *
     * @param question the question
     * @param skill its skill (for per-skill choices), or null
     * @param right answers graded right
     * @param wrong answers graded wrong
     * @param grade whether a final answer is right
     */
    public record Question(
            String question, String skill, List<String> right, List<String> wrong, Predicate<String> grade) {}

    /** One synthetic task: three answers in shuffled order, exactly one of them right. */
    public record Task(String question, String skill, List<String> answers, Predicate<String> grade) {}

    /**
     * A candidate's record.
     *
     * @param aggregator the candidate's name
     * @param right tasks it answered right
     * @param total tasks it was given
     */
    public record Score(String aggregator, int right, int total) {
        public double accuracy() {
            return total == 0 ? 0 : (double) right / total;
        }
    }

    /**
     * The outcome.
     *
     * @param tasks how many tasks were built
     * @param overall every candidate, best first
     * @param bySkill every candidate per skill, best first (skills with at least the minimum number of tasks)
     * @param best the best candidate overall
     * @param bestBySkill the best candidate per skill, where the data allow
     */
    public record Result(
            int tasks,
            List<Score> overall,
            Map<String, List<Score>> bySkill,
            String best,
            Map<String, String> bestBySkill) {}

    private AggregatorSelection() {}

    /** The synthetic tasks: one random right and two random wrong answers per question that has them. */
    public static List<Task> tasks(List<Question> questions, long seed) {
        Random random = new Random(seed);
        List<Task> tasks = new ArrayList<>();
        for (Question q : questions) {
            if (q.right().isEmpty() || q.wrong().size() < 2) {
                continue;
            }
            List<String> wrong = new ArrayList<>(q.wrong());
            Collections.shuffle(wrong, random);
            List<String> answers = new ArrayList<>(
                    List.of(q.right().get(random.nextInt(q.right().size())), wrong.get(0), wrong.get(1)));
            Collections.shuffle(answers, random);
            tasks.add(new Task(q.question(), q.skill(), answers, q.grade()));
        }
        return tasks;
    }

    /**
     * Scores each candidate on every task. The answers carry equal routing scores, as nothing but the text should
     * tell them apart. A per-skill best is named only for skills with at least {@code minPerSkill} tasks.
     */
    public static Result run(List<Task> tasks, Map<String, Aggregator> candidates, int minPerSkill) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(
                    "no question has one right and two wrong answers, so no task could be built; profile more"
                            + " experts or more questions");
        }
        Map<String, int[]> overall = new LinkedHashMap<>();
        Map<String, Map<String, int[]>> bySkill = new LinkedHashMap<>();
        for (Task task : tasks) {
            List<Candidate> answers = new ArrayList<>();
            for (int i = 0; i < task.answers().size(); i++) {
                answers.add(Candidate.answered(
                        "answer-" + (i + 1), 1.0, task.answers().get(i)));
            }
            AggregationInput input = AggregationInput.of(task.question(), answers);
            for (Map.Entry<String, Aggregator> c : candidates.entrySet()) {
                boolean ok;
                try {
                    ok = task.grade().test(c.getValue().aggregate(input).text());
                } catch (RuntimeException e) {
                    ok = false; // a candidate that cannot aggregate scores nothing on this task
                }
                count(overall, c.getKey(), ok);
                if (task.skill() != null) {
                    count(bySkill.computeIfAbsent(task.skill(), s -> new LinkedHashMap<>()), c.getKey(), ok);
                }
            }
        }
        List<Score> ranked = ranked(overall);
        Map<String, List<Score>> skillRanks = new LinkedHashMap<>();
        Map<String, String> bestBySkill = new LinkedHashMap<>();
        bySkill.forEach((skill, counts) -> {
            List<Score> r = ranked(counts);
            if (r.getFirst().total() >= minPerSkill) {
                skillRanks.put(skill, r);
                bestBySkill.put(skill, r.getFirst().aggregator());
            }
        });
        return new Result(tasks.size(), ranked, skillRanks, ranked.getFirst().aggregator(), bestBySkill);
    }

    private static void count(Map<String, int[]> counts, String name, boolean ok) {
        int[] c = counts.computeIfAbsent(name, n -> new int[2]);
        c[1]++;
        if (ok) {
            c[0]++;
        }
    }

    private static List<Score> ranked(Map<String, int[]> counts) {
        return counts.entrySet().stream()
                .map(e -> new Score(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingDouble(Score::accuracy).reversed())
                .toList();
    }
}
