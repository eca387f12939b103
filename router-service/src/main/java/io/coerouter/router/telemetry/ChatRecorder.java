package io.coerouter.router.telemetry;

/** Where the request path reports each chat completion; it never throws and never waits for the shared store. */
@FunctionalInterface
public interface ChatRecorder {

    /** Records nothing. */
    ChatRecorder NONE = sample -> {};

    void record(ChatSample sample);
}
