package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.router.openai.ChatCompletionResponses.Usage;
import java.math.BigDecimal;

/**
 * One expert's answer to a try ({@code expert.try}).
 *
 * @param expert the expert's id
 * @param answer its text
 * @param finishReason why it stopped ({@code stop}, {@code length}, ...)
 * @param usage its tokens
 * @param costUsd US dollars at its configured prices
 * @param latencyMs wall time of the call, queueing and retries included
 */
@JsonPropertyOrder({"object", "expert", "answer", "finish_reason", "usage", "cost_usd", "latency_ms"})
public record ExpertTryResponse(
        @JsonProperty("object") String object,
        @JsonProperty("expert") String expert,
        @JsonProperty("answer") String answer,
        @JsonProperty("finish_reason") String finishReason,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("latency_ms") double latencyMs) {

    static ExpertTryResponse of(String id, ExpertResponse r, long nanos) {
        return new ExpertTryResponse(
                "expert.try",
                id,
                r.text(),
                r.finishReason().openAiName(),
                Usage.of(r.usage()),
                r.cost(),
                Math.round(nanos / 1_000.0) / 1_000.0);
    }
}
