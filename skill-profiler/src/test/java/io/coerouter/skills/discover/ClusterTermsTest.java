package io.coerouter.skills.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.coerouter.skills.taxonomy.Skill;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTermsTest {

    @Test
    void termsAreLowerCaseAsciiWordsWithoutStopWordsOrDigits() {
        assertThat(ClusterTerms.terms("What is the CAPITAL of Österreich? (A) 42 km/h, café"))
                .containsExactly("capital", "osterreich", "km", "cafe");
    }

    @Test
    void aTermEverywhereScoresNothingAndOneOnlyInTheClusterScoresMost() {
        List<String> texts = List.of(
                "options: capital France", "options: capital Spain", "options: sum numbers", "options: sum digits");
        List<List<String>> top = ClusterTerms.top(texts, new int[] {0, 0, 1, 1}, 2, 8);

        assertThat(top.get(0)).containsExactly("capital");
        assertThat(top.get(1)).containsExactly("sum");
    }

    @Test
    void anIdLeavesOutATermThatIsABetterOnesPluralOrSibling() {
        assertThat(ClusterTerms.ids(List.of(List.of("days", "day", "month"), List.of("number", "numbers", "digit"))))
                .containsExactly("days-month", "number-digit");
    }

    @Test
    void idsAreValidSkillIdsAndUniqueEvenWhenTermsCollideOrAreMissing() {
        String longWord = "a".repeat(24);
        List<List<String>> terms = List.of(
                List.of("capital", "city", "country"),
                List.of("capital", "city", "country"),
                List.of("capital", "city", "country"),
                List.of("capital", "city"),
                List.of("capital"),
                List.of("capital"),
                List.of(),
                List.of(),
                List.of(longWord, longWord + "b", longWord + "c"),
                List.of(longWord, longWord + "b", longWord + "c"),
                List.of(longWord, longWord + "b", longWord + "c"));

        List<String> ids = ClusterTerms.ids(terms);

        assertThat(ids).doesNotHaveDuplicates().hasSize(terms.size());
        assertThat(ids.subList(0, 8))
                .containsExactly(
                        "capital-city",
                        "capital-city-country",
                        "capital-city-2",
                        "capital-city-3",
                        "capital",
                        "capital-2",
                        "cluster-7",
                        "cluster-8");
        for (String id : ids) {
            assertThatCode(() -> new Skill(id, "d", List.of())).doesNotThrowAnyException();
        }
    }
}
