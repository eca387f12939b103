package io.coerouter.skills.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryViewsTest {

    @Test
    void aQuestionWithTheOptionsPhraseIsSplitIntoStemAndOptions() {
        QueryViews v =
                QueryViews.of("Which gas do plants absorb? The options are: (A) oxygen (B) carbon dioxide.", 2000);
        assertThat(v.hasOptions()).isTrue();
        assertThat(v.stem()).isEqualTo("Which gas do plants absorb?");
        assertThat(v.options()).isEqualTo("(A) oxygen (B) carbon dioxide.");
        assertThat(v.full()).startsWith("Which gas");
    }

    @Test
    void lettersInParenthesesStartTheOptionsWhenNoPhraseDoes() {
        QueryViews v = QueryViews.of("Pick the prime: (A) 4 (B) 7 (C) 9", 2000);
        assertThat(v.stem()).isEqualTo("Pick the prime:");
        assertThat(v.options()).isEqualTo("(A) 4 (B) 7 (C) 9");
    }

    @Test
    void aPlainQueryHasOnlyTheWholeView() {
        QueryViews v = QueryViews.of("What is the capital of Jamaica?", 2000);
        assertThat(v.hasOptions()).isFalse();
        assertThat(v.stem()).isNull();
        assertThat(v.options()).isNull();
    }

    @Test
    void optionsWithNothingBeforeOrAfterThemAreNoSplit() {
        assertThat(QueryViews.of("The options are: (A) yes", 2000).hasOptions()).isFalse();
        assertThat(QueryViews.of("Which one? The options are:", 2000).hasOptions())
                .isFalse();
    }

    @Test
    void everyViewIsCutToTheConfiguredLength() {
        String stem = "why ".repeat(100);
        QueryViews v = QueryViews.of(stem + "The options are: " + "(A) no ".repeat(100), 64);
        assertThat(v.full()).hasSize(64);
        assertThat(v.stem()).hasSize(64);
        assertThat(v.options()).hasSize(64);
    }
}
