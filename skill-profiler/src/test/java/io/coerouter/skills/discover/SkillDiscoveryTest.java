package io.coerouter.skills.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SkillDiscoveryTest {

    private final WordsEmbedder embedder = new WordsEmbedder();

    private Discovery discover(Integer k) {
        return SkillDiscovery.discover(
                Fixture.discoveryQuestions(),
                embedder,
                DiscoveryConfig.defaults().withK(k));
    }

    /** The topics of each discovered skill's questions. */
    private static Map<String, Set<String>> topicsBySkill(Discovery discovery) {
        List<Fixture.Question> questions = Fixture.questions();
        Map<String, Set<String>> topics = new HashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            topics.computeIfAbsent(discovery.assignments().get(i), s -> new HashSet<>())
                    .add(questions.get(i).topic());
        }
        return topics;
    }

    @Test
    void threeClearTopicsWithKThreeBecomeThreePureSkills() {
        Discovery discovery = discover(3);

        assertThat(discovery.k()).isEqualTo(3);
        assertThat(discovery.chosenBy()).isEqualTo(Discovery.KChoice.GIVEN);
        assertThat(discovery.candidates()).isEmpty();
        Map<String, Set<String>> topics = topicsBySkill(discovery);
        assertThat(topics).hasSize(3);
        assertThat(topics.values()).allSatisfy(t -> assertThat(t).hasSize(1));
        assertThat(discovery.clusters()).extracting(DiscoveredCluster::size).containsOnly(12);
        assertThat(discovery.silhouette()).isGreaterThan(0.2);
    }

    @Test
    void eachSkillIsNamedByItsDistinctiveTerms() {
        Discovery discovery = discover(3);

        Map<String, Set<String>> topics = topicsBySkill(discovery);
        Map<String, String> idByTopic = new HashMap<>();
        topics.forEach((id, t) -> idByTopic.put(t.iterator().next(), id));
        assertThat(idByTopic.get("capitals")).contains("capital");
        assertThat(idByTopic.get("arithmetic")).containsAnyOf("sum", "numbers", "add");
        assertThat(idByTopic.get("calendar")).containsAnyOf("calendar", "month", "day");
        for (DiscoveredCluster cluster : discovery.clusters()) {
            Skill skill = discovery.taxonomy().find(cluster.id()).orElseThrow();
            assertThat(skill.description()).contains(cluster.terms().getFirst());
            assertThat(cluster.terms()).doesNotContain("the", "what", "of");
        }
    }

    @Test
    void kIsChosenByTheSilhouetteAndEveryCandidateIsReported() {
        Discovery discovery = discover(null);

        assertThat(discovery.chosenBy()).isEqualTo(Discovery.KChoice.SILHOUETTE);
        // Each topic is asked in two phrasings with few words in common: the best-separated clustering has six.
        assertThat(discovery.k()).isEqualTo(6);
        assertThat(discovery.candidates())
                .extracting(Discovery.Candidate::k)
                .containsExactlyElementsOf(IntStream.rangeClosed(2, 20).boxed().toList());
        double best = discovery.candidates().stream()
                .mapToDouble(Discovery.Candidate::silhouette)
                .max()
                .orElseThrow();
        assertThat(discovery.candidates().get(6 - 2).silhouette()).isEqualTo(best);
        assertThat(discovery.silhouette()).isEqualTo(best);
        assertThat(topicsBySkill(discovery).values())
                .allSatisfy(t -> assertThat(t).hasSize(1));
    }

    @Test
    void theSameQuestionsAndSeedGiveTheSameSkills() {
        Discovery first = discover(null);
        Discovery again = discover(null);

        assertThat(again.taxonomy()).isEqualTo(first.taxonomy());
        assertThat(again.assignments()).isEqualTo(first.assignments());
        assertThat(again.candidates()).isEqualTo(first.candidates());
    }

    @Test
    void examplesAreTheDistinctQuestionsNearestTheCentreAtMostTheLimit() {
        List<DiscoveryQuestion> questions = new java.util.ArrayList<>(Fixture.discoveryQuestions());
        questions.add(DiscoveryQuestion.of(100, "Which city is the capital of France?"));
        questions.add(DiscoveryQuestion.of(101, "  which city is the   capital of France? "));
        DiscoveryConfig config = new DiscoveryConfig(3, 2, 20, 10_000, 4_000, 4_000, 5, 3, 100, 2_000, 42);

        Discovery discovery = SkillDiscovery.discover(questions, embedder, config);

        for (Skill skill : discovery.taxonomy().skills()) {
            assertThat(skill.examples()).hasSize(5);
            assertThat(skill.examples().stream()
                            .map(e -> e.strip().replaceAll("\\s+", " ").toLowerCase())
                            .distinct()
                            .count())
                    .isEqualTo(5);
        }
        assertThat(discovery.clusters().getFirst().size()).isEqualTo(14); // the capitals, with the two copies
    }

    @Test
    void answeredQuestionsBecomeAnEvaluationSetLabelledBySkillThatProfilingReads() {
        Discovery discovery = discover(3);

        assertThat(discovery.evalItems()).hasSize(18);
        assertThat(discovery.clusters().stream()
                        .mapToInt(DiscoveredCluster::answered)
                        .sum())
                .isEqualTo(18);
        EvalSet read = EvalSet.parse(new StringReader(discovery.evalSetJsonl()), EvalSet.OnError.REJECT);
        assertThat(read.items()).hasSize(18);
        for (int i = 0; i < read.items().size(); i++) {
            EvalItem item = read.items().get(i);
            EvalItem expected = discovery.evalItems().get(i);
            assertThat(item.question()).isEqualTo(expected.question());
            assertThat(item.answer()).isEqualTo(expected.answer());
            assertThat(item.skills()).containsExactlyElementsOf(expected.skills());
            assertThat(discovery.taxonomy().contains(item.skills().getFirst())).isTrue();
        }
        // Every answer here is its question's topic: each skill's answers are one topic.
        Map<String, Set<String>> answers = new HashMap<>();
        read.items().forEach(i -> answers.computeIfAbsent(i.skills().getFirst(), s -> new HashSet<>())
                .add(i.answer()));
        assertThat(answers.values()).allSatisfy(a -> assertThat(a).hasSize(1));
    }

    @Test
    void theTaxonomyYamlReadsBackAsTheSameTaxonomyWhateverTheExamplesHold() {
        List<DiscoveryQuestion> questions = List.of(
                DiscoveryQuestion.of(1, "yes"),
                DiscoveryQuestion.of(2, "123"),
                DiscoveryQuestion.of(3, "null"),
                DiscoveryQuestion.of(4, "a: b # not a comment"),
                DiscoveryQuestion.of(5, "- [x] {y}: \"quoted\" 'single' \\ back\nnew line"),
                DiscoveryQuestion.of(6, "日本の首都はどこですか？"));
        Discovery discovery = SkillDiscovery.discover(
                questions, embedder, DiscoveryConfig.defaults().withK(2));

        String yaml = discovery.taxonomyYaml("discovered\nfrom 6 questions");

        assertThat(yaml).startsWith("# discovered\n# from 6 questions\n");
        SkillTaxonomy read = SkillTaxonomy.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(discovery.taxonomy());
        assertThat(discovery.evalSetJsonl()).isEmpty();
    }

    @Test
    void moreQuestionsThanTheLimitOrFewerThanKAreRefused() {
        List<DiscoveryQuestion> questions = Fixture.discoveryQuestions();
        DiscoveryConfig small = new DiscoveryConfig(null, 2, 20, 10, 4_000, 4_000, 25, 3, 100, 2_000, 42);

        assertThatThrownBy(() -> SkillDiscovery.discover(questions, embedder, small))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> assertThat(e.kind())
                        .isEqualTo(DiscoveryException.Kind.TOO_MANY_QUESTIONS))
                .hasMessage("36 questions is more than 10");
        assertThatThrownBy(() -> SkillDiscovery.discover(
                        questions.subList(0, 3),
                        embedder,
                        DiscoveryConfig.defaults().withK(4)))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> assertThat(e.kind())
                        .isEqualTo(DiscoveryException.Kind.TOO_FEW_QUESTIONS))
                .hasMessage("4 clusters need at least 4 questions, but there are 3");
        assertThatThrownBy(() -> SkillDiscovery.discover(questions.subList(0, 2), embedder, DiscoveryConfig.defaults()))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> assertThat(e.kind())
                        .isEqualTo(DiscoveryException.Kind.TOO_FEW_QUESTIONS))
                .hasMessageContaining("give k");
    }

    @Test
    void theRangeOfKStopsShortOfTheNumberOfQuestions() {
        Discovery discovery = SkillDiscovery.discover(
                Fixture.discoveryQuestions().subList(0, 6), embedder, DiscoveryConfig.defaults());

        assertThat(discovery.candidates()).extracting(Discovery.Candidate::k).containsExactly(2, 3, 4, 5);
    }

    @Test
    void identicalQuestionsInMoreClustersThanDistinctPointsStillGiveValidSkills() {
        List<DiscoveryQuestion> same = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> DiscoveryQuestion.of(i, "What is the capital of France?"))
                .toList();

        Discovery discovery = SkillDiscovery.discover(
                same, embedder, DiscoveryConfig.defaults().withK(3));

        assertThat(discovery.taxonomy().ids()).hasSize(3).doesNotHaveDuplicates();
        assertThat(discovery.clusters().stream()
                        .mapToInt(DiscoveredCluster::size)
                        .sum())
                .isEqualTo(6);
    }

    @Test
    void aLargeSetChoosesKOnASampleAndStillClustersEveryQuestion() {
        List<DiscoveryQuestion> questions = Fixture.discoveryQuestions();
        DiscoveryConfig sampled = new DiscoveryConfig(null, 2, 6, 10_000, 4_000, 4_000, 25, 2, 100, 20, 7);

        Discovery discovery = SkillDiscovery.discover(questions, embedder, sampled);

        assertThat(discovery.candidates()).extracting(Discovery.Candidate::k).containsExactly(2, 3, 4, 5, 6);
        assertThat(discovery.assignments()).hasSize(36);
        assertThat(discovery.clusters().stream()
                        .mapToInt(DiscoveredCluster::size)
                        .sum())
                .isEqualTo(36);
    }
}
