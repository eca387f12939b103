package io.coerouter.router.state;

/** The shared state store could not be reached; writes are refused (503) until it is back. */
public final class StateUnavailableException extends RuntimeException {

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
