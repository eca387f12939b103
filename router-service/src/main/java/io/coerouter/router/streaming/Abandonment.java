package io.coerouter.router.streaming;

import java.util.Locale;

/** Why a streamed response was given up on; every reason is the client's doing, never the expert's. */
public enum Abandonment {
    /** Writing to the client failed: it disconnected or cancelled the request. */
    CLIENT_GONE,
    /** One write to the client stayed blocked past the idle timeout: it stopped reading. */
    CLIENT_IDLE,
    /** The client fell so far behind that the answer outgrew the response buffer. */
    BUFFER_FULL;

    /** The name used in metrics: {@code client_gone}, {@code client_idle}, {@code buffer_full}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
