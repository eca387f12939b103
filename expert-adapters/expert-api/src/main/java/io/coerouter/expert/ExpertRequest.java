package io.coerouter.expert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an expert is asked: the conversation and the sampling options. Options left {@code null} take the expert's
 * defaults.
 *
 * @param messages the conversation, oldest first; never empty
 * @param temperature sampling temperature in [0, 2], or null
 * @param topP nucleus sampling mass in (0, 1], or null
 * @param maxTokens the most tokens to generate, or null for the expert's limit
 * @param stop sequences that end generation (at most 4), never null
 * @param seed a sampling seed, or null
 * @param presencePenalty in [-2, 2], or null
 * @param frequencyPenalty in [-2, 2], or null
 */
public record ExpertRequest(
        List<ChatMessage> messages,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty) {

    public ExpertRequest {
        Objects.requireNonNull(messages, "messages must not be null");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        requireRange("temperature", temperature, 0, 2);
        requireRange("topP", topP, 0, 1);
        requireRange("presencePenalty", presencePenalty, -2, 2);
        requireRange("frequencyPenalty", frequencyPenalty, -2, 2);
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, but was " + maxTokens);
        }
        if (stop.size() > 4) {
            throw new IllegalArgumentException("stop must hold at most 4 sequences, but held " + stop.size());
        }
    }

    private static void requireRange(String name, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
    }

    /** The text of the last user message, or an empty string when there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The same request sampled differently: another temperature and seed (self-MoA draws several samples). */
    public ExpertRequest withSampling(Double newTemperature, Long newSeed) {
        return new ExpertRequest(
                messages, newTemperature, topP, maxTokens, stop, newSeed, presencePenalty, frequencyPenalty);
    }

    public static ExpertRequest of(String userText) {
        return builder().addMessage(ChatMessage.user(userText)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ExpertRequest}; {@link #build()} validates every value. */
    public static final class Builder {
        private final List<ChatMessage> messages = new ArrayList<>();
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = List.of();
        private Long seed;
        private Double presencePenalty;
        private Double frequencyPenalty;

        private Builder() {}

        public Builder addMessage(ChatMessage message) {
            messages.add(Objects.requireNonNull(message, "message must not be null"));
            return this;
        }

        public Builder messages(List<ChatMessage> messages) {
            this.messages.clear();
            messages.forEach(this::addMessage);
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder stop(List<String> stop) {
            this.stop = stop;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder presencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        public Builder frequencyPenalty(Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        public ExpertRequest build() {
            return new ExpertRequest(
                    messages, temperature, topP, maxTokens, stop, seed, presencePenalty, frequencyPenalty);
        }
    }
}
