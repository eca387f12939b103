package io.coerouter.skills.classify;

import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Classifies with softmax-regression heads fitted on the taxonomy's examples (and each skill's description) when the
 * classifier is built: one head on the whole text and, when {@link TrainedClassifierConfig#views()} is on, one on
 * the question's stem and one on its answer options. A query with options is read all three ways and the heads'
 * log-probabilities are averaged; a query without options goes to the whole-text head alone. One encoder serves
 * every head.
 */
final class TrainedSkillClassifier implements SkillClassifier {

    static final String METHOD = "trained";

    private final SkillTaxonomy taxonomy;
    private final Embedder embedder;
    private final TrainedClassifierConfig config;
    private final List<String> ids;
    private final SoftmaxRegression full;
    private final SoftmaxRegression stem;
    private final SoftmaxRegression options;

    TrainedSkillClassifier(SkillTaxonomy taxonomy, Embedder embedder, TrainedClassifierConfig config) {
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy must not be null");
        this.embedder = Objects.requireNonNull(embedder, "embedder must not be null");
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.ids = taxonomy.ids();
        List<float[]> fullX = new ArrayList<>();
        List<Integer> fullY = new ArrayList<>();
        List<float[]> stemX = new ArrayList<>();
        List<float[]> optionX = new ArrayList<>();
        List<Integer> optionY = new ArrayList<>();
        boolean[] hasOptionExample = new boolean[ids.size()];
        List<Skill> skills = taxonomy.skills();
        for (int s = 0; s < skills.size(); s++) {
            Skill skill = skills.get(s);
            List<String> texts = new ArrayList<>();
            texts.add(EmbeddingSkillClassifier.describe(skill));
            texts.addAll(skill.examples());
            for (String text : texts) {
                QueryViews v = QueryViews.of(text, config.maxChars());
                float[] whole = embedder.embed(v.full());
                fullX.add(whole);
                fullY.add(s);
                if (config.views()) {
                    if (v.hasOptions()) {
                        stemX.add(embedder.embed(v.stem()));
                        optionX.add(embedder.embed(v.options()));
                        optionY.add(s);
                        hasOptionExample[s] = true;
                    } else {
                        stemX.add(whole);
                    }
                }
            }
        }
        int[] y = fullY.stream().mapToInt(Integer::intValue).toArray();
        this.full = fit(fullX, y);
        boolean anyOptions = !optionX.isEmpty();
        this.stem = config.views() && anyOptions ? fit(stemX, y) : null;
        // An options head only when every skill has questions with options: otherwise it would push the rest down.
        boolean everySkill = true;
        for (boolean b : hasOptionExample) {
            everySkill &= b;
        }
        this.options = config.views() && everySkill
                ? fit(optionX, optionY.stream().mapToInt(Integer::intValue).toArray())
                : null;
    }

    private SoftmaxRegression fit(List<float[]> x, int[] y) {
        return SoftmaxRegression.fit(x.toArray(float[][]::new), y, ids.size(), config.l2(), config.epochs());
    }

    @Override
    public SkillTaxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public SkillClassification doClassify(String query) {
        QueryViews v = QueryViews.of(query, config.maxChars());
        double[] sum = full.logProbabilities(embedder.embed(v.full()));
        int heads = 1;
        if (v.hasOptions() && stem != null) {
            add(sum, stem.logProbabilities(embedder.embed(v.stem())));
            heads++;
            if (options != null) {
                add(sum, options.logProbabilities(embedder.embed(v.options())));
                heads++;
            }
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] /= heads;
        }
        return SkillClassification.softmax(METHOD, ids, sum, config.temperature());
    }

    /** How many heads read a query with answer options (1 when the taxonomy has no such examples). */
    int headsForQuestionsWithOptions() {
        return 1 + (stem != null ? 1 : 0) + (stem != null && options != null ? 1 : 0);
    }

    private static void add(double[] into, double[] more) {
        for (int c = 0; c < into.length; c++) {
            into[c] += more[c];
        }
    }
}
