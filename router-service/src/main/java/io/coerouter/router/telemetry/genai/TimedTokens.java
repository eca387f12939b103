package io.coerouter.router.telemetry.genai;

import io.coerouter.expert.TokenListener;
import java.util.function.LongConsumer;

/** A streaming {@link TokenListener} that tells {@code onToken} the {@link System#nanoTime()} of each token first. */
final class TimedTokens implements TokenListener {

    private final TokenListener delegate;
    private final LongConsumer onToken;

    private TimedTokens(TokenListener delegate, LongConsumer onToken) {
        this.delegate = delegate;
        this.onToken = onToken;
    }

    /** {@code tokens} timed; a listener that does not stream is returned as it is. */
    static TokenListener of(TokenListener tokens, LongConsumer onToken) {
        return tokens.streaming() ? new TimedTokens(tokens, onToken) : tokens;
    }

    @Override
    public void onToken(String text) {
        onToken.accept(System.nanoTime());
        delegate.onToken(text);
    }

    @Override
    public boolean streaming() {
        return true;
    }
}
