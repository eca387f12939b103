package io.coerouter.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    @Test
    void numbersTakeTheLastOneWithoutCommasOrTrailingZeros() {
        AnswerExtractor n = AnswerExtractor.number();
        assertThat(n.extract("First 12, then 1,250 apples")).isEqualTo("1250");
        assertThat(n.extract("It costs 4.50 dollars.")).isEqualTo("4.5");
        assertThat(n.extract("so x = -3")).isEqualTo("-3");
        assertThat(n.extract("20.0")).isEqualTo("20");
        assertThat(n.extract("no digits here")).isNull();
    }

    @Test
    void choiceLettersAreFoundInTheirUsualForms() {
        AnswerExtractor c = AnswerExtractor.choice();
        assertThat(c.extract("Let me think. The answer is (c).")).isEqualTo("C");
        assertThat(c.extract("Answer: B")).isEqualTo("B");
        assertThat(c.extract("(D) because...")).isEqualTo("D");
        assertThat(c.extract("A. Paris")).isEqualTo("A");
        assertThat(c.extract("I am not sure")).isNull();
        assertThat(c.extract("An apple")).isNull();
    }

    @Test
    void boxedAnswersMayNestBraces() {
        assertThat(AnswerExtractor.boxed().extract("so \\boxed{\\frac{1}{2}} is it"))
                .isEqualTo("\\frac{1}{2}");
        assertThat(AnswerExtractor.boxed().extract("\\boxed{1} then \\boxed{ 2 }"))
                .isEqualTo("2");
        assertThat(AnswerExtractor.boxed().extract("\\boxed{unclosed")).isNull();
    }

    @Test
    void autoPrefersBoxedThenTheLastLine() {
        assertThat(AnswerExtractor.auto().extract("Work...\n\\boxed{42}\nDone."))
                .isEqualTo("42");
        assertThat(AnswerExtractor.auto().extract("Reasoning here.\n  Kingston.  \n\n"))
                .isEqualTo("kingston");
        assertThat(AnswerExtractor.auto().extract("   ")).isNull();
    }

    @Test
    void regexTakesItsFirstGroupAndABadPatternIsNamed() {
        assertThat(AnswerExtractor.named("regex:final: (\\w+)").extract("draft: x\nFinal: Yes"))
                .isEqualTo("yes");
        assertThatThrownBy(() -> AnswerExtractor.named("regex:(")).hasMessageContaining("extraction regex");
        assertThatThrownBy(() -> AnswerExtractor.named("vibes")).hasMessageContaining("but was 'vibes'");
    }
}
