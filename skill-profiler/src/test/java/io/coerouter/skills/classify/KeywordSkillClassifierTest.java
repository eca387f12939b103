package io.coerouter.skills.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordSkillClassifierTest {

    @Test
    void keywordsAreNormalisedAndOverlongOnesDropped() {
        assertThat(KeywordSkillClassifier.parse("Keywords: Finance., LAW, a-very-long-keyword-over-twenty", 20))
                .containsExactly("finance", "law");
    }
}
