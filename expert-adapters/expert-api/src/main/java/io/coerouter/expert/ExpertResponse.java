package io.coerouter.expert;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What an expert answered, with what it cost.
 *
 * @param expertId the expert that answered
 * @param text the generated text
 * @param finishReason why generation stopped
 * @param usage tokens consumed
 * @param cost US dollars, from the expert's {@link Pricing}
 * @param latency wall time of the call
 */
public record ExpertResponse(
        String expertId, String text, FinishReason finishReason, TokenUsage usage, BigDecimal cost, Duration latency) {

    public ExpertResponse {
        Objects.requireNonNull(expertId, "expertId must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(finishReason, "finishReason must not be null");
        Objects.requireNonNull(usage, "usage must not be null");
        Objects.requireNonNull(cost, "cost must not be null");
        Objects.requireNonNull(latency, "latency must not be null");
    }

    /** A response before the template method prices and times it. */
    public static ExpertResponse of(String expertId, String text, FinishReason finishReason, TokenUsage usage) {
        return new ExpertResponse(expertId, text, finishReason, usage, BigDecimal.ZERO, Duration.ZERO);
    }

    ExpertResponse pricedAndTimed(Pricing pricing, Duration latency) {
        return new ExpertResponse(expertId, text, finishReason, usage, pricing.cost(usage), latency);
    }
}
