package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a worker ran a dispatched request, for the request's trace.
 *
 * @param worker the worker's name
 * @param waitMillis how long the request waited in its expert's queue
 * @param loadMillis how long the worker spent loading the model for it (0 when it was resident)
 * @param generationMillis how long the worker generated
 * @param batchSize how many requests shared its forward passes (1: alone)
 */
public record Served(String worker, long waitMillis, long loadMillis, long generationMillis, int batchSize) {

    public Served {
        Objects.requireNonNull(worker, "worker");
        if (worker.isBlank() || worker.length() > 200) {
            throw new IllegalArgumentException("worker must be 1-200 characters, not blank");
        }
        requireNotNegative(waitMillis, "waitMillis");
        requireNotNegative(loadMillis, "loadMillis");
        requireNotNegative(generationMillis, "generationMillis");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, but was " + batchSize);
        }
    }

    /** As the expert API carries it on a response ({@link ExpertResponse#served()}). */
    public ExpertResponse.Served toResponse() {
        return new ExpertResponse.Served(
                worker,
                Duration.ofMillis(waitMillis),
                Duration.ofMillis(loadMillis),
                Duration.ofMillis(generationMillis),
                batchSize);
    }

    /** From what a response carries. */
    public static Served of(ExpertResponse.Served served) {
        return new Served(
                served.worker(),
                served.queued().toMillis(),
                served.load().toMillis(),
                served.generation().toMillis(),
                served.batchSize());
    }

    private static void requireNotNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
        }
    }
}
