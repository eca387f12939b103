package io.coerouter.router.routing;

import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.telemetry.genai.ExpertCallObservation;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Calls the recruited experts: one on the caller's thread, streaming its tokens; several at once, each on its own
 * virtual thread, sending keep-alives while they run. With {@code firstWins} the first answer ends the wait and the
 * other calls are cancelled.
 */
final class ExpertCalls {

    /**
     * What came back.
     *
     * @param candidates outcomes in routing order, or in arrival order when the first answer wins
     * @param cancelled experts whose calls were cancelled because another answered first
     */
    record Result(List<Candidate> candidates, List<String> cancelled) {}

    private ExpertCalls() {}

    /**
     * Makes {@code call}, observed (see {@link GenAiTelemetry#startCall}) with the request's {@code skills} and {@code
     * aggregator}.
     */
    static Result one(
            PlannedCall call, TokenListener tokens, GenAiTelemetry telemetry, List<String> skills, String aggregator) {
        ExpertCallObservation observed =
                telemetry.startCall(call.expert(), call.request(), call.score(), skills, aggregator);
        try (Scope ignored = observed.makeCurrent()) {
            ExpertResponse response = call.expert().chat(call.request(), observed.tokens(tokens));
            observed.answered(response);
            return new Result(List.of(Candidate.answered(call.score(), response)), List.of());
        } catch (ExpertException e) {
            observed.failed(e);
            return new Result(List.of(Candidate.failed(call.score(), e)), List.of());
        } catch (RuntimeException | Error e) {
            observed.failed(e); // not the expert's: ended and counted, then passed on
            throw e;
        }
    }

    private record Done(int index, Candidate candidate) {}

    static Result all(
            List<PlannedCall> calls,
            boolean firstWins,
            Duration keepAliveEvery,
            Runnable keepAlive,
            GenAiTelemetry telemetry,
            List<String> skills,
            String aggregator) {
        Context context = Context.current(); // each call's span is a child of the request's
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CompletionService<Done> completions = new ExecutorCompletionService<>(threads);
        List<Future<Done>> futures = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            int index = i;
            PlannedCall call = calls.get(i);
            futures.add(completions.submit(context.wrap(() -> new Done(
                    index,
                    one(call, TokenListener.NONE, telemetry, skills, aggregator)
                            .candidates()
                            .getFirst()))));
        }
        List<Done> done = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        try {
            while (done.size() < calls.size()) {
                Future<Done> next = completions.poll(keepAliveEvery.toNanos(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    keepAlive.run();
                    continue;
                }
                Done d = next.get();
                done.add(d);
                if (firstWins && d.candidate().succeeded()) {
                    for (int i = 0; i < futures.size(); i++) {
                        int index = i;
                        if (done.stream().noneMatch(x -> x.index() == index)) {
                            futures.get(i).cancel(true);
                            cancelled.add(calls.get(i).expert().id());
                        }
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for experts", e);
        } catch (ExecutionException e) {
            // one() catches expert failures; anything else is a bug worth a 500.
            throw new IllegalStateException("an expert call failed unexpectedly", e.getCause());
        } finally {
            threads.shutdownNow();
        }
        if (!firstWins) {
            done.sort(Comparator.comparingInt(Done::index));
        }
        return new Result(done.stream().map(Done::candidate).toList(), cancelled);
    }
}
