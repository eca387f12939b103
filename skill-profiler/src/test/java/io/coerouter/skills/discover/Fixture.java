package io.coerouter.skills.discover;

import java.util.ArrayList;
import java.util.List;

/** Three topics with clearly different words, 12 questions each, interleaved; the topic of each is known. */
final class Fixture {

    static final List<String> TOPICS = List.of("capitals", "arithmetic", "calendar");

    private static final List<String> COUNTRIES = List.of(
            "France", "Spain", "Italy", "Germany", "Norway", "Sweden", "Poland", "Greece", "Egypt", "Kenya", "Chile",
            "Peru");
    private static final List<String> MONTHS = List.of(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December");

    record Question(String text, String topic) {}

    private Fixture() {}

    static List<Question> questions() {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            questions.add(new Question(
                    i % 2 == 0
                            ? "Which city is the capital of " + COUNTRIES.get(i) + "?"
                            : "Name the capital city of the country " + COUNTRIES.get(i) + ".",
                    "capitals"));
            questions.add(new Question(
                    i % 2 == 0
                            ? "Add " + (i + 3) + " and " + (2 * i + 1) + ": what is the sum of these numbers?"
                            : "Calculate the sum when adding the numbers " + i + " and " + (i + 7) + ".",
                    "arithmetic"));
            questions.add(new Question(
                    i % 2 == 0
                            ? "How many days are in the month of " + MONTHS.get(i) + " on the calendar?"
                            : "Which weekday falls on the first day of " + MONTHS.get(i) + " in the calendar month?",
                    "calendar"));
        }
        return questions;
    }

    /** The questions, the answered ones (every other) with their topic as the answer. */
    static List<DiscoveryQuestion> discoveryQuestions() {
        List<Question> questions = questions();
        List<DiscoveryQuestion> out = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            out.add(new DiscoveryQuestion(
                    i + 1,
                    questions.get(i).text(),
                    i % 2 == 0 ? questions.get(i).topic() : null,
                    null));
        }
        return out;
    }
}
