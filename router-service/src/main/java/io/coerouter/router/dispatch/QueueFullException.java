package io.coerouter.router.dispatch;

/**
 * An expert's queue holds its capacity of entries not yet acknowledged (waiting or in flight): the item was not
 * enqueued. The gateway answers 429 with {@code Retry-After}.
 */
public final class QueueFullException extends RuntimeException {

    private final String expert;
    private final long capacity;

    public QueueFullException(String expert, long capacity) {
        super("the queue of expert '" + expert + "' is full (" + capacity + " entries)");
        this.expert = expert;
        this.capacity = capacity;
    }

    public String expert() {
        return expert;
    }

    public long capacity() {
        return capacity;
    }
}
