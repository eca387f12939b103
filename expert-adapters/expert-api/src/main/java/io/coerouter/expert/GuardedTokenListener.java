package io.coerouter.expert;

/**
 * Marks failures of the caller's listener so the template does not count them against the expert; decorators in other
 * modules (the resilience one) tell a {@link ListenerFailure} from the expert's own failures.
 */
public final class GuardedTokenListener implements TokenListener {

    private final TokenListener delegate;

    GuardedTokenListener(TokenListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onToken(String text) {
        try {
            delegate.onToken(text);
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    /** Carries the listener's exception through the adapter. */
    public static final class ListenerFailure extends RuntimeException {
        ListenerFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
