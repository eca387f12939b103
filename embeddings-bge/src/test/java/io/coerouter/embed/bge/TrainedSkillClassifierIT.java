package io.coerouter.embed.bge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.skills.DemoPack;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.TrainedClassifierConfig;
import io.coerouter.skills.embed.CachedEmbedder;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.profile.EvalItem;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bge-small-en-v1.5 under the trained classifier, on the demo pack's taxonomy and held-out questions. */
class TrainedSkillClassifierIT {

    static CachedEmbedder embedder;
    static SkillClassifier trained;
    static List<EvalItem> test;

    @BeforeAll
    static void load() {
        embedder = Embedder.cached(BgeSmall.embedder(), 5_000);
        trained = SkillClassifier.trained(DemoPack.taxonomy(), embedder, TrainedClassifierConfig.defaults());
        List<EvalItem> all = DemoPack.evalSet().split("test").items();
        test = IntStream.range(0, all.size())
                .filter(i -> i % 3 == 0)
                .mapToObj(all::get)
                .toList();
    }

    @Test
    void theEncoderGivesUnitVectorsThatPutRelatedTextsCloser() {
        float[] capital = embedder.embed("What is the capital of France?");
        float[] city = embedder.embed("Which city is the seat of government of Peru?");
        float[] sum = embedder.embed("Add 17 and 25.");
        double norm = 0;
        for (float x : capital) {
            norm += x * x;
        }
        assertThat(capital).hasSize(384);
        assertThat(norm).isCloseTo(1.0, within(1e-4));
        assertThat(Embedder.cosine(capital, city)).isGreaterThan(Embedder.cosine(capital, sum));
    }

    @Test
    void theTrainedClassifierFindsTheLabelledSkillOfHeldOutDemoQuestions() {
        long right = test.stream()
                .filter(i ->
                        trained.classify(i.question()).top().equals(i.skills().getFirst()))
                .count();
        assertThat((double) right / test.size()).isGreaterThan(0.95);
    }

    @Test
    void aClearQuestionIsMoreCertainThanAVagueOne() {
        SkillClassification clear = trained.classify("What is the capital of Jamaica?");
        assertThat(clear.top()).isEqualTo("capitals");
        assertThat(clear.method()).isEqualTo("trained");
        assertThat(trained.classify("Tell me something.").confidence()).isLessThan(clear.confidence());
    }

    @Test
    void aQuestionWithOptionsIsClassifiedAsWell() {
        SkillClassification c =
                trained.classify("What is 12 multiplied by 3? The options are: (A) 36 (B) 15 (C) 9 (D) 4");
        assertThat(c.top()).isEqualTo("arithmetic");
    }
}
