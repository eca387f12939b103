package io.coerouter.router.batch;

/** A batch asked to move between two states it may not move between (see {@link BatchStatus#next()}). */
public final class BatchTransitionException extends IllegalStateException {

    private final BatchStatus from;
    private final BatchStatus to;

    BatchTransitionException(BatchStatus from, BatchStatus to) {
        super("a batch cannot move from " + from.openAiName() + " to " + to.openAiName());
        this.from = from;
        this.to = to;
    }

    public BatchStatus from() {
        return from;
    }

    public BatchStatus to() {
        return to;
    }
}
