package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NearMissGuardTest {

    private static boolean alike(String a, String b) {
        boolean forward = NearMissGuard.compatible(a, b);
        assertThat(NearMissGuard.compatible(b, a))
                .as("the guard is symmetric for %s / %s", a, b)
                .isEqualTo(forward);
        return forward;
    }

    @Test
    void aDifferentNumberIsANearMissEvenWithoutSpaces() {
        assertThat(alike("what is 2+2", "what is 2+3")).isFalse();
        assertThat(alike("What is 22 + 23?", "What is 22 + 24?")).isFalse();
        assertThat(alike("What is 3.5 + 2?", "What is 3.05 + 2?")).isFalse();
    }

    @Test
    void theSameNumbersInAnotherSpellingMatch() {
        assertThat(alike("what is 2+2", "What's 2 + 2?")).isTrue();
        assertThat(alike("Convert 1,000 grams to kilograms.", "Convert 1000 grams to kilograms."))
                .isTrue();
        assertThat(alike("Is 1,234,567.50 big?", "Is 1234567.5 big?")).isTrue();
        assertThat(alike("What is 15 + 8.", "What is 15 + 8?")).isTrue();
        assertThat(alike("What is the pH of a 0.001 M solution?", "What is the pH of a 0.0010 M solution?"))
                .isTrue();
    }

    @Test
    void numberWordsCountAsNumbers() {
        assertThat(alike("exactly three heads in five flips", "exactly 3 heads in 5 flips"))
                .isTrue();
        assertThat(alike("exactly three heads in five flips", "exactly two heads in five flips"))
                .isFalse();
    }

    @Test
    void aDifferentOperatorIsANearMissWhetherSymbolOrWord() {
        assertThat(alike("what is 2+2", "what is 2*2")).isFalse();
        assertThat(alike("What is 29 plus 14?", "What is 29 minus 14?")).isFalse();
        assertThat(alike("What is the sum of 6 and 5?", "Multiply 6 and 5.")).isFalse();
        assertThat(alike("What is 8 + 5?", "What is 8 x 5?")).isFalse();
    }

    @Test
    void operatorWordsAndSymbolsAgree() {
        assertThat(alike("What is 22 + 23?", "What's 22 plus 23?")).isTrue();
        assertThat(alike("Add 16 and 6.", "What is 16 plus 6?")).isTrue();
        assertThat(alike("What is 3 x 8?", "What is 3 times 8?")).isTrue();
        assertThat(alike("Subtract 11 from 28.", "What is 28 minus 11?")).isTrue();
    }

    @Test
    void timesWithoutAFollowingNumberIsACountNotAProduct() {
        assertThat(alike(
                        "What is the probability of exactly three heads in five flips of a fair coin?",
                        "If you flip a fair coin five times, what is the probability of exactly three heads?"))
                .isTrue();
    }

    @Test
    void swappedOperandsOfANonCommutativeOperatorAreANearMiss() {
        assertThat(alike("What is 23 minus 9?", "What is 9 minus 23?")).isFalse();
        assertThat(alike("Subtract 11 from 28.", "Subtract 28 from 11.")).isFalse();
        assertThat(alike("What is 12 divided by 4?", "What is 4 divided by 12?"))
                .isFalse();
        assertThat(alike("What is 6 + 16?", "What is 16 + 6?")).isTrue();
    }

    @Test
    void aDifferentUnitIsANearMissWhereverItStands() {
        assertThat(alike("Convert 6 kilograms to grams.", "Convert 6 pounds to grams."))
                .isFalse();
        assertThat(alike("How many centimeters make 34 meters?", "How many millimeters make 34 meters?"))
                .isFalse();
        assertThat(alike("What is 100 degrees Celsius in Fahrenheit?", "What is 100 degrees Fahrenheit in Celsius?"))
                .isFalse();
        assertThat(alike("Price $100 with 40% off", "Price €100 with 40% off")).isFalse();
        assertThat(alike("How many meters make 53 kilometers?", "53 km in meters?"))
                .isTrue();
    }

    @Test
    void anOddCountOfNegationsIsANearMiss() {
        assertThat(alike(
                        "Which of the following is NOT supervised learning?",
                        "Which of the following is supervised learning?"))
                .isFalse();
        assertThat(alike("Which month doesn't have 31 days?", "Which month has 31 days?"))
                .isFalse();
        assertThat(alike(
                        "All of the following may serve as intracellular messengers EXCEPT",
                        "Which of these cannot serve as an intracellular messenger?"))
                .isTrue();
    }

    @Test
    void aComparisonOrDirectionWordOfAnotherClassIsANearMiss() {
        assertThat(alike("What day comes 5 days after Saturday?", "What day comes 5 days before Saturday?"))
                .isFalse();
        assertThat(alike("What is spoon written backwards?", "What is spoon written forwards?"))
                .isFalse();
        assertThat(alike("Convert lion to uppercase.", "Convert lion to lowercase."))
                .isFalse();
        assertThat(alike("Men are more likely than women to die from", "Men are less likely than women to die from"))
                .isFalse();
    }

    @Test
    void wordsOfOneClassAgree() {
        assertThat(alike(
                        "What's the maximum number of edges in a planar graph with 30 vertices?",
                        "What is the largest number of edges of a planar graph with 30 vertices?"))
                .isTrue();
        assertThat(alike("What letter does the word hair begin with?", "What's the first letter of hair?"))
                .isTrue();
        assertThat(alike("What is spoon written backwards?", "Reverse the word spoon."))
                .isTrue();
    }

    @Test
    void colourAndContrastWordsCountAsOftenAsTheyStand() {
        assertThat(alike(
                        "A box contains 7 red, 5 white, and 4 black balls. What is the probability of drawing one red"
                                + " ball?",
                        "A box contains 7 red, 5 white, and 4 black balls. What is the probability of drawing one"
                                + " white ball?"))
                .isFalse();
    }

    @Test
    void aDifferentNameIsANearMiss() {
        assertThat(alike("What is the capital of Austria?", "What is the capital of Australia?"))
                .isFalse();
        assertThat(alike("Berkeley insists that heat and cold are", "Locke insists that heat and cold are"))
                .isFalse();
        assertThat(alike("What is the capital of France?", "Which city is the capital of France?"))
                .isTrue();
        assertThat(alike("Hi! What is the capital of Austria?", "What is the capital of Austria?"))
                .isTrue();
    }

    @Test
    void theWordAfterWordIsTreatedAsAName() {
        assertThat(alike("Reverse the word bear.", "Reverse the word beer.")).isFalse();
        assertThat(alike("Reverse the word bear.", "What is bear spelled backwards?"))
                .isTrue();
    }

    @Test
    void fullWidthDigitsCountAsDigits() {
        assertThat(alike("what is ２+２", "what is ２+３")).isFalse();
        assertThat(alike("what is ２+２", "what is 2+2")).isTrue();
        assertThat(alike("what is 2−2", "what is 2+2")).isFalse();
        assertThat(alike("what is 6×7", "what is 6 times 7")).isTrue();
    }

    @Test
    void otherScriptsAndListFormQuestionsAreHandled() {
        assertThat(alike("٢+٢ كم يساوي", "٢+٣ كم يساوي")).isFalse();
        assertThat(alike("Wie viel ist 2+2?", "Wie viel ist 2+2?")).isTrue();
        String list = "Compare these:\n- 3 apples\n- 5 pears\n1. Which is more?";
        assertThat(alike(list, "Compare these:\n- 3 apples\n- 6 pears\n1. Which is more?"))
                .isFalse();
        assertThat(alike(list, "Compare these:\n* 3 apples\n* 5 pears\n1) Which is more?"))
                .isTrue();
        assertThat(alike(list, "Compare these: 3 apples and 5 pears. 1. Which is more?"))
                .isTrue();
        assertThat(alike("- 3 - 1", "- 3 + 1")).isFalse();
    }

    @Test
    void emptyAndSymbolOnlyQuestionsMatchEachOther() {
        assertThat(alike("", "")).isTrue();
        assertThat(alike("???", "!!!")).isTrue();
        assertThat(alike("", "2")).isFalse();
    }

    @Test
    void aLongHostileInputIsScannedInOnePass() {
        String hostile = "1.".repeat(50_000) + "x" + "-".repeat(50_000) + "a'".repeat(50_000) + " 1"
                + ",000".repeat(50_000) + " -" + " ".repeat(50_000) + "\n- ".repeat(50_000);
        NearMissGuard.Signature s = NearMissGuard.of(hostile);
        assertThat(s.numbers()).isNotEmpty();
        assertThat(NearMissGuard.compatible(s, s)).isTrue();
    }
}
