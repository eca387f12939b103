package io.coerouter.skills.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TrainedSkillClassifierTest {

    /** A real, tiny encoder: words hashed into 64 buckets, normalised. Counts its calls. */
    static final class HashedWords implements Embedder {
        int calls;

        @Override
        public float[] doEmbed(String text) {
            calls++;
            float[] v = new float[64];
            for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (!w.isEmpty()) {
                    v[Math.floorMod(w.hashCode(), 64)] += 1;
                }
            }
            return Embedder.normalise(v);
        }
    }

    private static SkillTaxonomy taxonomy(boolean withOptions) {
        String suffix = withOptions ? " The options are: (A) one (B) two" : "";
        List<Skill> skills = new ArrayList<>();
        skills.add(new Skill(
                "law",
                "Legal questions.",
                List.of(
                        "Is the contract valid under the statute?" + suffix,
                        "Did the court rule on the tort claim?" + suffix,
                        "Which statute governs the contract?" + suffix)));
        skills.add(new Skill(
                "chemistry",
                "Chemistry questions.",
                List.of(
                        "What is the molar mass of the compound?" + suffix,
                        "Balance the reaction of the acid and base." + suffix,
                        "Which compound forms in the reaction?" + suffix)));
        return new SkillTaxonomy(skills);
    }

    @Test
    void headsTrainedOnTheExamplesFindTheSkillOfANewQuestion() {
        SkillClassifier c =
                SkillClassifier.trained(taxonomy(false), new HashedWords(), TrainedClassifierConfig.defaults());
        SkillClassification law = c.classify("Does the statute make this contract void?");
        assertThat(law.top()).isEqualTo("law");
        assertThat(law.method()).isEqualTo("trained");
        assertThat(law.skills().stream().mapToDouble(SkillScore::score).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(c.classify("What mass of acid is in the reaction?").top()).isEqualTo("chemistry");
    }

    @Test
    void aQuestionWithOptionsIsReadThreeWaysWhenEverySkillHasSuchExamples() {
        HashedWords encoder = new HashedWords();
        TrainedSkillClassifier c =
                new TrainedSkillClassifier(taxonomy(true), encoder, TrainedClassifierConfig.defaults());
        assertThat(c.headsForQuestionsWithOptions()).isEqualTo(3);
        int before = encoder.calls;
        SkillClassification s = c.classify("Which compound is the acid? The options are: (A) salt (B) water");
        assertThat(encoder.calls - before)
                .as("whole, stem and options embedded")
                .isEqualTo(3);
        assertThat(s.top()).isEqualTo("chemistry");
        before = encoder.calls;
        c.classify("Which compound is the acid?");
        assertThat(encoder.calls - before)
                .as("a plain question is embedded once")
                .isEqualTo(1);
    }

    @Test
    void withViewsOffOrNoExamplesWithOptionsOneHeadReadsEverything() {
        TrainedClassifierConfig d = TrainedClassifierConfig.defaults();
        TrainedClassifierConfig off = new TrainedClassifierConfig(d.l2(), d.epochs(), false, 1, d.maxChars());
        assertThat(new TrainedSkillClassifier(taxonomy(true), new HashedWords(), off).headsForQuestionsWithOptions())
                .isEqualTo(1);
        assertThat(new TrainedSkillClassifier(taxonomy(false), new HashedWords(), d).headsForQuestionsWithOptions())
                .isEqualTo(1);
    }

    @Test
    void theSameExamplesAlwaysGiveTheSameProbabilities() {
        SkillClassifier a =
                SkillClassifier.trained(taxonomy(false), new HashedWords(), TrainedClassifierConfig.defaults());
        SkillClassifier b =
                SkillClassifier.trained(taxonomy(false), new HashedWords(), TrainedClassifierConfig.defaults());
        String q = "Which court hears a contract dispute?";
        assertThat(a.classify(q).skills()).isEqualTo(b.classify(q).skills());
    }

    @Test
    void aStrongerPenaltyMakesTheClassifierLessSure() {
        TrainedClassifierConfig d = TrainedClassifierConfig.defaults();
        String q = "Which statute covers the contract?";
        double weak = SkillClassifier.trained(taxonomy(false), new HashedWords(), d)
                .classify(q)
                .confidence();
        double strong = SkillClassifier.trained(
                        taxonomy(false),
                        new HashedWords(),
                        new TrainedClassifierConfig(10, d.epochs(), true, 1, d.maxChars()))
                .classify(q)
                .confidence();
        assertThat(strong).isLessThan(weak);
    }

    @Test
    void aBadSettingNamesItsFieldAndValue() {
        assertThatThrownBy(() -> new TrainedClassifierConfig(-1, 200, true, 1, 2000))
                .hasMessage("l2 must be >= 0, but was -1.0");
        assertThatThrownBy(() -> new TrainedClassifierConfig(0.1, 0, true, 1, 2000))
                .hasMessage("epochs must be in 1..10000, but was 0");
        assertThatThrownBy(() -> new TrainedClassifierConfig(0.1, 10, true, 0, 2000))
                .hasMessage("temperature must be > 0, but was 0.0");
        assertThatThrownBy(() -> new TrainedClassifierConfig(0.1, 10, true, 1, 8))
                .hasMessage("maxChars must be >= 32, but was 8");
    }

    @Test
    void aBlankQueryIsRefusedBeforeAnyHeadRuns() {
        SkillClassifier c =
                SkillClassifier.trained(taxonomy(false), new HashedWords(), TrainedClassifierConfig.defaults());
        assertThatThrownBy(() -> c.classify("  ")).isInstanceOf(IllegalArgumentException.class);
    }
}
