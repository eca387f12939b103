package io.coerouter.router.batch;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a batch is, with the only moves between states a batch makes. A batch is {@code validating} until a router
 * runs it, then {@code in_progress} and {@code finalizing} while its files are written, and ends {@code completed},
 * {@code expired} or {@code failed}; a cancel makes it {@code cancelling} until its files are written, then {@code
 * cancelled}. A router that resumes an unfinished batch starts it again ({@code in_progress} or {@code finalizing} to
 * {@code in_progress}), and a repeated cancel is a cancel again.
 */
public enum BatchStatus {
    VALIDATING("validating"),
    IN_PROGRESS("in_progress"),
    FINALIZING("finalizing"),
    COMPLETED("completed"),
    FAILED("failed"),
    EXPIRED("expired"),
    CANCELLING("cancelling"),
    CANCELLED("cancelled");

    private final String openAiName;

    BatchStatus(String openAiName) {
        this.openAiName = openAiName;
    }

    /** The name OpenAI's Batch API gives this state ({@code in_progress}, ...). */
    public String openAiName() {
        return openAiName;
    }

    /** The state OpenAI's name {@code name} stands for. */
    public static BatchStatus ofOpenAiName(String name) {
        for (BatchStatus s : values()) {
            if (s.openAiName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no batch status is named '" + name + "'");
    }

    /** Whether this is an end state: no move leaves it. */
    public boolean finished() {
        return next().isEmpty();
    }

    /** Whether a batch in this state may move to {@code target}. */
    public boolean canMoveTo(BatchStatus target) {
        return next().contains(target);
    }

    /**
     * {@code target}, when a batch in this state may move there.
     *
     * @throws BatchTransitionException otherwise
     */
    public BatchStatus moveTo(BatchStatus target) {
        if (!canMoveTo(target)) {
            throw new BatchTransitionException(this, target);
        }
        return target;
    }

    /** The states a batch in this one may move to. */
    public Set<BatchStatus> next() {
        return switch (this) {
            case VALIDATING -> EnumSet.of(IN_PROGRESS, CANCELLING, FAILED);
            case IN_PROGRESS -> EnumSet.of(IN_PROGRESS, FINALIZING, CANCELLING, FAILED);
            case FINALIZING -> EnumSet.of(IN_PROGRESS, COMPLETED, EXPIRED, CANCELLING, CANCELLED, FAILED);
            case CANCELLING -> EnumSet.of(CANCELLING, CANCELLED, FAILED);
            case COMPLETED, FAILED, EXPIRED, CANCELLED -> EnumSet.noneOf(BatchStatus.class);
        };
    }

    @Override
    public String toString() {
        return openAiName;
    }
}
