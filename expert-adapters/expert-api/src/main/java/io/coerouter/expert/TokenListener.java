package io.coerouter.expert;

/**
 * Receives generated text as it is produced. Experts call it on the thread that called {@link Expert#chat}, in order,
 * and the concatenation of all pieces equals the response text.
 */
@FunctionalInterface
public interface TokenListener {

    /** A listener for callers that want only the final response; experts then need not stream. */
    TokenListener NONE = new TokenListener() {
        @Override
        public void onToken(String text) {}

        @Override
        public boolean streaming() {
            return false;
        }
    };

    void onToken(String text);

    /** Whether the caller wants pieces as they come; when false an expert may answer in one piece. */
    default boolean streaming() {
        return true;
    }

    /**
     * {@code tokens}, and {@code streamed} set once any text has gone through it: after that a failure cannot be
     * retried or failed over without the client seeing text twice.
     */
    static TokenListener noting(TokenListener tokens, java.util.concurrent.atomic.AtomicBoolean streamed) {
        if (!tokens.streaming()) {
            return tokens;
        }
        return new TokenListener() {
            @Override
            public void onToken(String text) {
                streamed.set(true);
                tokens.onToken(text);
            }

            @Override
            public boolean streaming() {
                return true;
            }
        };
    }
}
