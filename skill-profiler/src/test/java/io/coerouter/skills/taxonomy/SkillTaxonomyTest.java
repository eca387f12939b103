package io.coerouter.skills.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SkillTaxonomyTest {

    private static SkillTaxonomy yaml(String text) {
        return SkillTaxonomy.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsSkillsWithDescriptionsAndExamplesInOrder() {
        SkillTaxonomy t = yaml(
                """
                skills:
                  - id: math
                    description: Numbers.
                    examples: ['What is 1 + 1?', 'Add 2 and 3.']
                  - id: geo
                    description: Places.
                """);
        assertThat(t.ids()).containsExactly("math", "geo");
        assertThat(t.find("math").orElseThrow().examples()).containsExactly("What is 1 + 1?", "Add 2 and 3.");
        assertThat(t.find("geo").orElseThrow().examples()).isEmpty();
    }

    @Test
    void aNullOrEmptyDocumentIsRefusedNotReadAsNoTaxonomy() {
        for (String text : new String[] {"null", "~"}) {
            assertThatThrownBy(() -> yaml(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("it must be a mapping with 'skills'");
        }
        assertThatThrownBy(() -> yaml(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the skill taxonomy is not valid: ");
    }

    @Test
    void anEmptyTaxonomyIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> yaml("skills: []"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the skill taxonomy is empty");
        assertThatThrownBy(() -> yaml("{}")).hasMessageContaining("the skill taxonomy is empty");
    }

    @Test
    void duplicateIdsBadIdsMissingDescriptionsAndUnknownFieldsAreNamed() {
        assertThatThrownBy(() -> yaml("skills: [{id: a, description: x}, {id: a, description: y}]"))
                .hasMessageContaining("skill id 'a' is declared twice");
        assertThatThrownBy(() -> yaml("skills: [{id: 'Bad Id', description: x}]"))
                .hasMessageContaining("but was 'Bad Id'");
        assertThatThrownBy(() -> yaml("skills: [{id: a}]")).hasMessageContaining("skill 'a' needs a description");
        assertThatThrownBy(() -> yaml("skills: [{id: a, description: x, colour: red}]"))
                .hasMessageContaining("colour");
    }

    @Test
    void theDemoTaxonomyLoadsWithDozensOfExamplesPerSkill() {
        SkillTaxonomy t = SkillTaxonomy.fromYaml(getClass().getResourceAsStream("/coe-demo-experts/skills.yaml"));
        assertThat(t.ids())
                .containsExactly("arithmetic", "unit-conversion", "string-manipulation", "calendar", "capitals");
        t.skills().forEach(s -> assertThat(s.examples()).hasSizeGreaterThanOrEqualTo(30));
    }

    @Test
    void aDuplicatedKeyIsRefusedNotLastWins() {
        assertThatThrownBy(
                        () -> yaml(
                                """
                        skills:
                          - id: math
                            id: geo
                            description: Numbers.
                        """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'id'");
    }
}
