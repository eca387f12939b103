package io.coerouter.router.scheduling;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.TokenListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Runs many independent expert calls planned at once (the lines of a batch file) grouped by expert, as Symbolic-MoE
 * does: local experts one after another, each one's calls in full batches with the next batch already queued behind
 * the running one, so each local model is loaded once and kept busy; remote experts alongside, each at its own
 * concurrency. Online traffic still gets its turn: the scheduler's max wait applies to it as ever.
 */
public final class GroupedCalls {

    /** One call to make. */
    public record Call(Expert expert, ExpertRequest request) {

        public Call {
            Objects.requireNonNull(expert, "expert must not be null");
            Objects.requireNonNull(request, "request must not be null");
        }
    }

    /** Observes calls as they finish, from any thread. */
    @FunctionalInterface
    public interface Progress {

        void onDone(int index, ExpertOutcome outcome);

        Progress NONE = (index, outcome) -> {};
    }

    private final int batchSize;
    private final Predicate<String> resident;

    /**
     * @param batchSize calls per batch, normally the scheduler's max batch size
     * @param resident whether an expert's model is loaded now; those run first, saving a load
     */
    public GroupedCalls(int batchSize, Predicate<String> resident) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, but was " + batchSize);
        }
        this.batchSize = batchSize;
        this.resident = Objects.requireNonNull(resident, "resident must not be null");
    }

    /**
     * Makes every call and returns their outcomes in order. Once {@code stop} is true no further batch starts; calls
     * not started then end as {@link ExpertErrorKind#CANCELLED}.
     */
    public List<ExpertOutcome> run(List<Call> calls, BooleanSupplier stop, Progress progress) {
        Map<String, List<Integer>> byExpert = new LinkedHashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            byExpert.computeIfAbsent(calls.get(i).expert().id(), id -> new ArrayList<>())
                    .add(i);
        }
        List<List<Integer>> local = new ArrayList<>();
        List<List<Integer>> remote = new ArrayList<>();
        for (List<Integer> group : byExpert.values()) {
            (ExpertScheduler.batches(calls.get(group.getFirst()).expert()) ? local : remote).add(group);
        }
        // Resident models first (no load), then the largest groups.
        local.sort(Comparator.<List<Integer>>comparingInt(
                        g -> resident.test(calls.get(g.getFirst()).expert().id()) ? 0 : 1)
                .thenComparing(
                        Comparator.<List<Integer>>comparingInt(List::size).reversed()));

        ExpertOutcome[] outcomes = new ExpertOutcome[calls.size()];
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> groups = new ArrayList<>();
            for (List<Integer> group : remote) {
                groups.add(threads.submit(() -> runGroup(calls, group, stop, progress, outcomes, threads)));
            }
            groups.add(threads.submit(() -> {
                for (List<Integer> group : local) {
                    runGroup(calls, group, stop, progress, outcomes, threads);
                }
            }));
            for (Future<?> g : groups) {
                g.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running grouped calls", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grouped calls failed unexpectedly", e.getCause());
        }
        return List.of(outcomes);
    }

    private record Chunk(List<Integer> indexes, Future<List<ExpertOutcome>> outcomes) {}

    /** One expert's calls in batches, keeping the next batch queued while one runs. */
    private void runGroup(
            List<Call> calls,
            List<Integer> group,
            BooleanSupplier stop,
            Progress progress,
            ExpertOutcome[] outcomes,
            ExecutorService threads) {
        Expert expert = calls.get(group.getFirst()).expert();
        Expert planned = ExpertScheduler.planned(expert);
        Deque<Chunk> inFlight = new ArrayDeque<>();
        for (int from = 0; from < group.size() || !inFlight.isEmpty(); ) {
            if (from < group.size() && inFlight.size() < 2) {
                List<Integer> indexes = group.subList(from, Math.min(group.size(), from + batchSize));
                from += indexes.size();
                if (stop.getAsBoolean()) {
                    ExpertOutcome cancelled = ExpertOutcome.of(ExpertException.of(
                            expert.id(), ExpertErrorKind.CANCELLED, "the batch was cancelled before this call", null));
                    indexes.forEach(i -> done(i, cancelled, outcomes, progress));
                    continue;
                }
                List<ExpertRequest> requests =
                        indexes.stream().map(i -> calls.get(i).request()).toList();
                inFlight.add(new Chunk(
                        indexes,
                        threads.submit(() -> planned.chatBatch(
                                requests, Collections.nCopies(requests.size(), TokenListener.NONE)))));
                continue;
            }
            Chunk chunk = inFlight.poll();
            List<ExpertOutcome> results;
            try {
                results = chunk.outcomes().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for expert '" + expert.id() + "'", e);
            } catch (ExecutionException e) {
                ExpertOutcome failed = ExpertOutcome.of(ExpertErrors.map(expert.id(), e.getCause()));
                results = Collections.nCopies(chunk.indexes().size(), failed);
            }
            for (int j = 0; j < chunk.indexes().size(); j++) {
                done(chunk.indexes().get(j), results.get(j), outcomes, progress);
            }
        }
    }

    private static void done(int index, ExpertOutcome outcome, ExpertOutcome[] outcomes, Progress progress) {
        outcomes[index] = outcome;
        progress.onDone(index, outcome);
    }
}
