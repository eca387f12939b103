package io.coerouter.skills.profile;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.skills.classify.SkillClassifier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds expert profiles: every expert answers every question, grouped by expert (so a local model is loaded once
 * and answers in batches), each answer is graded, and the counts become per-skill statistics. Untagged questions are
 * tagged by the classifier first. Progress can be read and the job cancelled while it runs.
 */
public final class ProfileJob {

    /** Where a job is. */
    public enum State {
        RUNNING,
        SUCCEEDED,
        CANCELLED,
        FAILED
    }

    /**
     * What to profile.
     *
     * @param experts the experts to profile
     * @param items the labelled questions
     * @param source a name for the result, e.g. the file and split
     * @param defaultGrader the grader for items that name none
     * @param judge the expert behind the {@code judge} grader, or null
     * @param tagger classifies untagged questions, or null when every question is tagged
     * @param batchSize questions sent to one expert per batch call
     * @param maxTokens the answer length limit
     */
    public record Spec(
            List<Expert> experts,
            List<EvalItem> items,
            String source,
            Grader defaultGrader,
            Expert judge,
            SkillClassifier tagger,
            int batchSize,
            int maxTokens) {

        public Spec {
            if (experts == null || experts.isEmpty()) {
                throw new IllegalArgumentException("experts must not be empty");
            }
            if (items == null || items.isEmpty()) {
                throw new IllegalArgumentException("items must not be empty");
            }
            Objects.requireNonNull(defaultGrader, "defaultGrader must not be null");
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be > 0, but was " + batchSize);
            }
            if (maxTokens <= 0) {
                throw new IllegalArgumentException("maxTokens must be > 0, but was " + maxTokens);
            }
            if (tagger == null && items.stream().anyMatch(i -> i.skills().isEmpty())) {
                EvalItem untagged = items.stream()
                        .filter(i -> i.skills().isEmpty())
                        .findFirst()
                        .orElseThrow();
                throw new IllegalArgumentException(
                        "line " + untagged.line() + " has no skill and no classifier is configured to tag it");
            }
            experts = List.copyOf(experts);
            items = List.copyOf(items);
        }
    }

    /**
     * What one expert answered to one question.
     *
     * @param expertId the expert
     * @param item the question (tagged)
     * @param text the answer, or null when the call failed
     * @param right whether it was graded right
     */
    public record Answer(String expertId, EvalItem item, String text, boolean right) {}

    /** Progress of one expert. */
    public record ExpertProgress(String expertId, int done, int total, int failed) {}

    /** A snapshot of the job. */
    public record Progress(
            State state, int done, int total, List<ExpertProgress> experts, String error, Instant startedAt) {}

    private final Spec spec;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final AtomicReference<String> error = new AtomicReference<>();
    private final Map<String, AtomicInteger> done = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> failed = new LinkedHashMap<>();
    private final CompletableFuture<ProfileSet> result = new CompletableFuture<>();
    private final List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());

    private ProfileJob(Spec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
        this.startedAt = clock.instant();
        spec.experts().forEach(e -> {
            done.put(e.id(), new AtomicInteger());
            failed.put(e.id(), new AtomicInteger());
        });
    }

    /** Starts a job on {@code executor}. */
    public static ProfileJob start(Spec spec, Executor executor, Clock clock) {
        ProfileJob job = new ProfileJob(Objects.requireNonNull(spec, "spec must not be null"), clock);
        executor.execute(job::run);
        return job;
    }

    /** Runs a job on the calling thread and returns its profiles. */
    public static ProfileSet run(Spec spec, Clock clock) {
        return runForAnswers(spec, clock).result.join();
    }

    /** Runs a job on the calling thread and returns it, finished, for its profiles and its answers. */
    public static ProfileJob runForAnswers(Spec spec, Clock clock) {
        ProfileJob job = new ProfileJob(spec, clock);
        job.run();
        return job;
    }

    /** Asks the job to stop after its current batch; its partial results are discarded. */
    public void cancel() {
        cancelled.set(true);
    }

    /** The profiles, when the job succeeds. */
    public CompletableFuture<ProfileSet> result() {
        return result;
    }

    /** Every answer so far (the aggregator-selection job builds its tasks from them). */
    public List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** Where the job is now. */
    public Progress progress() {
        List<ExpertProgress> experts = new ArrayList<>();
        int total = spec.items().size();
        int all = 0;
        for (Expert e : spec.experts()) {
            int d = done.get(e.id()).get();
            all += d;
            experts.add(new ExpertProgress(e.id(), d, total, failed.get(e.id()).get()));
        }
        return new Progress(state.get(), all, total * spec.experts().size(), experts, error.get(), startedAt);
    }

    private void run() {
        try {
            List<EvalItem> items = tagged();
            Map<String, ExpertProfile> profiles = new LinkedHashMap<>();
            for (Expert expert : spec.experts()) {
                if (cancelled.get()) {
                    break;
                }
                profiles.put(expert.id(), profile(expert, items));
            }
            if (cancelled.get()) {
                state.set(State.CANCELLED);
                result.cancel(false);
                return;
            }
            ProfileSet set = new ProfileSet(0, clock.instant(), spec.source(), items.size(), profiles);
            state.set(State.SUCCEEDED);
            result.complete(set);
        } catch (RuntimeException e) {
            error.set(e.getMessage());
            state.set(State.FAILED);
            result.completeExceptionally(e);
        }
    }

    private List<EvalItem> tagged() {
        if (spec.tagger() == null) {
            return spec.items();
        }
        return spec.items().stream()
                .map(i -> i.skills().isEmpty()
                        ? i.withSkills(
                                List.of(spec.tagger().classify(i.question()).top()))
                        : i)
                .toList();
    }

    private ExpertProfile profile(Expert expert, List<EvalItem> items) {
        Map<String, SkillStats> stats = new LinkedHashMap<>();
        double latencyMs = 0;
        BigDecimal cost = BigDecimal.ZERO;
        int answered = 0;
        for (int from = 0; from < items.size() && !cancelled.get(); from += spec.batchSize()) {
            List<EvalItem> chunk = items.subList(from, Math.min(items.size(), from + spec.batchSize()));
            List<ExpertOutcome> outcomes = Questions.ask(expert, chunk, spec.maxTokens());
            for (int i = 0; i < chunk.size(); i++) {
                EvalItem item = chunk.get(i);
                ExpertOutcome outcome = outcomes.get(i);
                Boolean right = null;
                if (outcome.succeeded()) {
                    right = grader(item).grade(item, outcome.response().text());
                    answers.add(new Answer(expert.id(), item, outcome.response().text(), right));
                    latencyMs += outcome.response().latency().toNanos() / 1e6;
                    cost = cost.add(outcome.response().cost());
                    answered++;
                } else {
                    failed.get(expert.id()).incrementAndGet();
                    answers.add(new Answer(expert.id(), item, null, false));
                }
                for (String skill : item.skills()) {
                    stats.merge(skill, SkillStats.EMPTY.plus(right), ProfileJob::sum);
                }
                done.get(expert.id()).incrementAndGet();
            }
        }
        return new ExpertProfile(
                expert.id(),
                stats,
                answered == 0 ? 0 : latencyMs / answered,
                answered == 0 ? BigDecimal.ZERO : cost.divide(BigDecimal.valueOf(answered), MathContext.DECIMAL64));
    }

    private Grader grader(EvalItem item) {
        return item.grader() == null ? spec.defaultGrader() : Grader.named(item.grader(), spec.judge());
    }

    private static SkillStats sum(SkillStats a, SkillStats b) {
        return new SkillStats(a.correct() + b.correct(), a.wrong() + b.wrong(), a.failed() + b.failed());
    }
}
