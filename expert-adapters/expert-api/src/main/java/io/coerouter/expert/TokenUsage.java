package io.coerouter.expert;

/**
 * Tokens consumed by one or more expert calls.
 *
 * @param inputTokens prompt tokens, >= 0
 * @param outputTokens generated tokens, >= 0
 */
public record TokenUsage(long inputTokens, long outputTokens) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must be >= 0, but was " + inputTokens);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must be >= 0, but was " + outputTokens);
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
