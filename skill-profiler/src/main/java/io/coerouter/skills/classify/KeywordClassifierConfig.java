package io.coerouter.skills.classify;

/**
 * Settings of the keyword classifier (the Symbolic-MoE reference uses 5 samples at temperature 0.7).
 *
 * @param samples how many times the keyword model is asked; a keyword is kept when it appears in more than one
 *     answer (in the only one when {@code samples} is 1)
 * @param temperature the keyword model's sampling temperature
 * @param maxKeywordLength longer keywords are dropped
 */
public record KeywordClassifierConfig(int samples, double temperature, int maxKeywordLength) {

    public KeywordClassifierConfig {
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be > 0, but was " + samples);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], but was " + temperature);
        }
        if (maxKeywordLength <= 0) {
            throw new IllegalArgumentException("maxKeywordLength must be > 0, but was " + maxKeywordLength);
        }
    }

    /** Five samples at temperature 0.7, keywords of at most 20 characters. */
    public static KeywordClassifierConfig defaults() {
        return new KeywordClassifierConfig(5, 0.7, 20);
    }
}
