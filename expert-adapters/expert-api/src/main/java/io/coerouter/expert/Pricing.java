package io.coerouter.expert;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * What an expert costs, in US dollars per 1,000 tokens.
 *
 * @param inputPer1k price of 1,000 prompt tokens, >= 0
 * @param outputPer1k price of 1,000 generated tokens, >= 0
 */
public record Pricing(BigDecimal inputPer1k, BigDecimal outputPer1k) {

    /** A free expert (local models, echo). */
    public static final Pricing FREE = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public Pricing {
        requireNonNegative("inputPer1k", inputPer1k);
        requireNonNegative("outputPer1k", outputPer1k);
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + value.toPlainString());
        }
    }

    /** The cost in US dollars of the given usage. */
    public BigDecimal cost(TokenUsage usage) {
        return inputPer1k
                .multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(outputPer1k.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .divide(THOUSAND, MathContext.DECIMAL64);
    }
}
