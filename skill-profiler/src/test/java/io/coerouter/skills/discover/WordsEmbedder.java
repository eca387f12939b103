package io.coerouter.skills.discover;

import io.coerouter.skills.embed.Embedder;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A bag-of-words embedder for tests: each word (letters only, lower case) has a fixed random direction seeded by the
 * word; a text is the normalised sum of its words'. Texts sharing words are similar, as with a real model, without
 * loading one.
 */
final class WordsEmbedder implements Embedder {

    private static final int DIMENSIONS = 128;

    @Override
    public float[] doEmbed(String text) {
        float[] sum = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (word.length() < 3) {
                continue;
            }
            SplittableRandom random = new SplittableRandom(word.hashCode());
            for (int d = 0; d < DIMENSIONS; d++) {
                sum[d] += (float) random.nextGaussian();
            }
        }
        return Embedder.normalise(sum);
    }
}
