package io.coerouter.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.skills.DemoPack;
import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.embed.CachedEmbedder;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.profile.EvalItem;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 on the demo pack's taxonomy and held-out test questions. */
class EmbeddingSkillClassifierIT {

    static CachedEmbedder embedder;
    static List<EvalItem> test;

    @BeforeAll
    static void load() {
        embedder = Embedder.cached(MiniLm.embedder(), 5_000);
        // Every third test question keeps the run short and still covers every skill and phrasing.
        List<EvalItem> all = DemoPack.evalSet().split("test").items();
        test = java.util.stream.IntStream.range(0, all.size())
                .filter(i -> i % 3 == 0)
                .mapToObj(all::get)
                .toList();
    }

    private static double accuracy(SkillClassifier classifier) {
        long right = test.stream()
                .filter(i -> classifier
                        .classify(i.question())
                        .top()
                        .equals(i.skills().getFirst()))
                .count();
        return (double) right / test.size();
    }

    @Test
    void bothModesFindTheLabelledSkillOfHeldOutQuestions() {
        SkillClassifier knn =
                SkillClassifier.embedding(DemoPack.taxonomy(), embedder, EmbeddingClassifierConfig.defaults());
        SkillClassifier centroid = SkillClassifier.embedding(
                DemoPack.taxonomy(),
                embedder,
                new EmbeddingClassifierConfig(EmbeddingClassifierConfig.Mode.CENTROID, 3, 0.05));
        assertThat(accuracy(knn)).isGreaterThan(0.95);
        assertThat(accuracy(centroid)).isGreaterThan(0.93);
    }

    @Test
    void probabilitiesAreRankedSumToOneAndSayHowSureTheClassifierIs() {
        SkillClassifier knn =
                SkillClassifier.embedding(DemoPack.taxonomy(), embedder, EmbeddingClassifierConfig.defaults());
        SkillClassification c = knn.classify("What is the capital of Jamaica?");
        assertThat(c.top()).isEqualTo("capitals");
        assertThat(c.method()).isEqualTo("embedding-knn");
        assertThat(c.skills().stream().mapToDouble(SkillScore::score).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(c.confidence()).isGreaterThan(0.9);
        SkillClassification vague = knn.classify("Tell me something.");
        assertThat(vague.confidence()).isLessThan(c.confidence());
    }

    @Test
    void repeatedQueriesAreServedFromTheEmbeddingCache() {
        SkillClassifier knn =
                SkillClassifier.embedding(DemoPack.taxonomy(), embedder, EmbeddingClassifierConfig.defaults());
        knn.classify("Reverse the word lantern.");
        long hits = embedder.hits();
        knn.classify("reverse the word   LANTERN.");
        assertThat(embedder.hits()).isEqualTo(hits + 1);
    }
}
