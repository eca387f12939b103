package io.coerouter.router.usage;

/**
 * Where the chat path hands each finished request for usage analytics and the request log. An implementation never
 * throws and never waits for a database: it buffers, and drops (counting what it drops) when the buffer is full.
 */
@FunctionalInterface
public interface UsageSink {

    /** Keeps nothing: usage history is off. */
    UsageSink NONE = request -> {};

    void accept(CompletedRequest request);
}
