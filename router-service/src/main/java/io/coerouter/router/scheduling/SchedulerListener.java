package io.coerouter.router.scheduling;

import java.util.function.IntSupplier;

/** Observes the scheduler, for metrics. */
public interface SchedulerListener {

    /** The first request for {@code expertId} created its queue, whose length {@code depth} reports. */
    default void onNewQueue(String expertId, IntSupplier depth) {}

    /** A request waited {@code nanos} in {@code expertId}'s queue before its batch started. */
    default void onWait(String expertId, long nanos) {}

    /** A batch of {@code size} requests ran for {@code nanos}. */
    default void onBatch(String expertId, int size, long nanos) {}

    /** A request was refused because the expert's queue was full. */
    default void onRejected(String expertId) {}

    /** No observation. */
    SchedulerListener NONE = new SchedulerListener() {};
}
