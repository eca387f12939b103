package io.coerouter.expert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The default batch: every request on its own virtual thread; streamed text is relayed to the calling thread. */
final class ConcurrentBatch {

    private ConcurrentBatch() {}

    private record Piece(int row, String text) {}

    static List<ExpertOutcome> run(Expert expert, List<ExpertRequest> requests, List<TokenListener> listeners) {
        LinkedBlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
        List<Future<ExpertResponse>> calls = new ArrayList<>(requests.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests.size(); i++) {
                int row = i;
                TokenListener relay =
                        listeners.get(i).streaming() ? text -> pieces.add(new Piece(row, text)) : TokenListener.NONE;
                calls.add(executor.submit(() -> expert.doChat(requests.get(row), relay)));
            }
            // Relay pieces on this thread until every call is done.
            while (!calls.stream().allMatch(Future::isDone) || !pieces.isEmpty()) {
                Piece piece = pieces.poll(5, TimeUnit.MILLISECONDS);
                if (piece != null) {
                    listeners.get(piece.row()).onToken(piece.text());
                }
            }
            List<ExpertOutcome> outcomes = new ArrayList<>(calls.size());
            for (Future<ExpertResponse> call : calls) {
                outcomes.add(outcome(expert, call));
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExpertException.of(expert.id(), ExpertErrorKind.CANCELLED, "interrupted during a batch", e);
        }
    }

    private static ExpertOutcome outcome(Expert expert, Future<ExpertResponse> call) throws InterruptedException {
        try {
            return ExpertOutcome.of(call.get());
        } catch (ExecutionException e) {
            return ExpertOutcome.of(ExpertErrors.map(expert.id(), e.getCause()));
        }
    }
}
