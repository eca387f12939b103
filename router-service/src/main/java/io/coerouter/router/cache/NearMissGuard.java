package io.coerouter.router.cache;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sentence embeddings miss: two questions a word apart can mean different things ("what is 2+2" and "what is
 * 2+3" embed at 0.96). A semantic match must also keep the same numbers, numbers with the same units, the same math
 * operators, the same negation (an even or odd count of negating words), the same comparison and direction words, and
 * the same names: every capitalised word of one question (past a stop list of words that merely start sentences)
 * appears, in any case, in the other. A paraphrase keeps all of these; a near miss changes at least one.
 */
public final class NearMissGuard {

    /** What a question must keep to match another: built once per question by {@link #of}. */
    public record Signature(
            List<String> numbers,
            List<String> quantities,
            List<String> operators,
            boolean negated,
            Set<String> polarity,
            Set<String> names,
            Set<String> words) {}

    private static final Pattern TOKEN =
            Pattern.compile("[$€£]?\\d+(?:[.,]\\d+)*%?|[\\p{L}][\\p{L}\\p{Mn}\\p{Nd}_'’]*|[+*/^=<>×÷−]|-(?=\\s*\\d)");

    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private static final Set<String> NEGATIONS =
            Set.of("not", "no", "never", "none", "nor", "neither", "nothing", "nobody", "nowhere", "cannot", "without");

    /** Words whose change reverses or redirects a question while its embedding barely moves. */
    private static final Set<String> POLARITY = Set.of(
            "more",
            "less",
            "most",
            "least",
            "greater",
            "smaller",
            "larger",
            "fewer",
            "higher",
            "lower",
            "bigger",
            "before",
            "after",
            "above",
            "below",
            "over",
            "under",
            "maximum",
            "minimum",
            "max",
            "min",
            "largest",
            "smallest",
            "biggest",
            "highest",
            "lowest",
            "first",
            "last",
            "increase",
            "decrease",
            "increases",
            "decreases",
            "positive",
            "negative",
            "true",
            "false",
            "left",
            "right",
            "north",
            "south",
            "east",
            "west",
            "up",
            "down",
            "inside",
            "outside",
            "hot",
            "cold",
            "hotter",
            "colder",
            "faster",
            "slower",
            "longest",
            "shortest",
            "longer",
            "shorter",
            "older",
            "younger",
            "oldest",
            "youngest",
            "best",
            "worst",
            "better",
            "worse",
            "advantages",
            "disadvantages",
            "pros",
            "cons",
            "cause",
            "effect",
            "odd",
            "even",
            "prime",
            "increasing",
            "decreasing",
            "ascending",
            "descending",
            "add",
            "subtract",
            "multiply",
            "divide");

    private static final Map<String, String> WORD_OPERATORS = Map.of(
            "plus", "+", "minus", "-", "times", "*", "multiplied", "*", "divided", "/", "−", "-", "×", "*", "÷", "/");

    private static final Map<String, String> UNITS = units();

    /** Capitalised words that start sentences and questions rather than name anything. */
    private static final Set<String> NOT_NAMES = Set.of(
            "what",
            "what's",
            "whats",
            "how",
            "how's",
            "why",
            "who",
            "who's",
            "whom",
            "whose",
            "which",
            "when",
            "where",
            "is",
            "are",
            "was",
            "were",
            "am",
            "be",
            "can",
            "could",
            "would",
            "should",
            "will",
            "shall",
            "may",
            "might",
            "must",
            "do",
            "does",
            "did",
            "have",
            "has",
            "had",
            "tell",
            "give",
            "explain",
            "describe",
            "please",
            "i",
            "i'm",
            "i've",
            "i'd",
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "of",
            "for",
            "to",
            "by",
            "from",
            "with",
            "write",
            "list",
            "name",
            "find",
            "calculate",
            "compute",
            "convert",
            "define",
            "solve",
            "show",
            "it",
            "it's",
            "this",
            "that",
            "these",
            "those",
            "there",
            "if",
            "my",
            "we",
            "you",
            "your",
            "our",
            "let",
            "let's",
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "okay",
            "ok",
            "so",
            "and",
            "or",
            "but",
            "then",
            "also",
            "now",
            "here",
            "consider",
            "suppose",
            "assume",
            "given",
            "answer",
            "question",
            "choose",
            "select",
            "pick",
            "identify",
            "determine",
            "evaluate",
            "compare",
            "summarize",
            "summarise",
            "translate",
            "create",
            "make",
            "generate",
            "provide",
            "help",
            "need",
            "want",
            "options",
            "option",
            "yes",
            "no",
            "not",
            "true",
            "false",
            "any",
            "some",
            "all",
            "each",
            "every",
            "one",
            "two",
            "three",
            "as",
            "about",
            "into",
            "like",
            "just");

    private NearMissGuard() {}

    /** The signature of {@code text}. */
    public static Signature of(String text) {
        List<String> numbers = new ArrayList<>();
        List<String> quantities = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        Set<String> polarity = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> words = new HashSet<>();
        int negations = 0;
        Matcher m = TOKEN.matcher(text);
        String pendingNumber = null;
        while (m.find()) {
            String token = m.group();
            char c = token.charAt(0);
            if (Character.isDigit(c) || ((c == '$' || c == '€' || c == '£') && token.length() > 1)) {
                String number = number(token);
                numbers.add(number);
                if (c == '$' || c == '€' || c == '£') {
                    quantities.add(number + " " + UNITS.get(String.valueOf(c)));
                    pendingNumber = null;
                } else if (token.endsWith("%")) {
                    quantities.add(number + " %");
                    pendingNumber = null;
                } else {
                    pendingNumber = number;
                }
                continue;
            }
            String lower = token.toLowerCase(Locale.ROOT).replace('’', '\'');
            String operator = WORD_OPERATORS.get(lower);
            if (operator == null && token.length() == 1 && "+*/^=<>-".indexOf(c) >= 0) {
                operator = token;
            }
            if (operator != null) {
                operators.add(operator);
                pendingNumber = null;
                continue;
            }
            String unit = UNITS.get(lower);
            if (unit != null && pendingNumber != null) {
                quantities.add(pendingNumber + " " + unit);
            }
            pendingNumber = null;
            if (!Character.isLetter(c)) {
                continue;
            }
            String stem = lower.endsWith("'s") ? lower.substring(0, lower.length() - 2) : lower;
            words.add(stem);
            if (NEGATIONS.contains(lower) || lower.endsWith("n't")) {
                negations++;
            }
            if (POLARITY.contains(lower)) {
                polarity.add(lower);
            }
            if (Character.isUpperCase(c) && !NOT_NAMES.contains(lower) && !NOT_NAMES.contains(stem)) {
                names.add(stem);
            }
        }
        Collections.sort(numbers);
        Collections.sort(quantities);
        Collections.sort(operators);
        return new Signature(
                List.copyOf(numbers),
                List.copyOf(quantities),
                List.copyOf(operators),
                negations % 2 == 1,
                Set.copyOf(polarity),
                Set.copyOf(names),
                Set.copyOf(words));
    }

    /** Whether questions with signatures {@code a} and {@code b} may be answered alike. */
    public static boolean compatible(Signature a, Signature b) {
        return a.numbers().equals(b.numbers())
                && a.quantities().equals(b.quantities())
                && a.operators().equals(b.operators())
                && a.negated() == b.negated()
                && a.polarity().equals(b.polarity())
                && b.words().containsAll(a.names())
                && a.words().containsAll(b.names());
    }

    /** Whether {@code a} and {@code b} may be answered alike. */
    public static boolean compatible(String a, String b) {
        return compatible(of(a), of(b));
    }

    /** A number in one spelling: thousands separators and trailing zeros dropped ("1,000.50" and "1000.5" agree). */
    private static String number(String token) {
        String digits = token.replaceAll("[$€£%]", "");
        if (THOUSANDS.matcher(digits).matches()) {
            digits = digits.replace(",", "");
        }
        digits = digits.replace(',', '.');
        try {
            return new BigDecimal(digits).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return digits;
        }
    }

    private static Map<String, String> units() {
        Map<String, String> u = new java.util.HashMap<>();
        put(u, "km", "km", "kilometer", "kilometers", "kilometre", "kilometres", "kms");
        put(u, "m", "m", "meter", "meters", "metre", "metres");
        put(u, "cm", "cm", "centimeter", "centimeters", "centimetre", "centimetres");
        put(u, "mm", "mm", "millimeter", "millimeters", "millimetre", "millimetres");
        put(u, "mi", "mi", "mile", "miles");
        put(u, "ft", "ft", "foot", "feet");
        put(u, "in", "inch", "inches");
        put(u, "yd", "yd", "yard", "yards");
        put(u, "kg", "kg", "kilogram", "kilograms", "kilo", "kilos");
        put(u, "g", "g", "gram", "grams");
        put(u, "mg", "mg", "milligram", "milligrams");
        put(u, "lb", "lb", "lbs", "pound", "pounds");
        put(u, "oz", "oz", "ounce", "ounces");
        put(u, "l", "l", "liter", "liters", "litre", "litres");
        put(u, "ml", "ml", "milliliter", "milliliters", "millilitre", "millilitres");
        put(u, "gal", "gal", "gallon", "gallons");
        put(u, "c", "c", "°c", "celsius", "centigrade");
        put(u, "f", "f", "°f", "fahrenheit");
        put(u, "k", "kelvin", "kelvins");
        put(u, "s", "s", "sec", "secs", "second", "seconds");
        put(u, "min", "mins", "minute", "minutes");
        put(u, "h", "h", "hr", "hrs", "hour", "hours");
        put(u, "d", "day", "days");
        put(u, "wk", "week", "weeks");
        put(u, "mo", "month", "months");
        put(u, "yr", "year", "years", "yrs");
        put(u, "%", "percent", "per cent", "%");
        put(u, "usd", "$", "usd", "dollar", "dollars");
        put(u, "eur", "€", "eur", "euro", "euros");
        put(u, "gbp", "£", "gbp");
        put(u, "mph", "mph");
        put(u, "kmh", "kmh", "kph");
        put(u, "b", "byte", "bytes");
        put(u, "kb", "kb", "kilobyte", "kilobytes");
        put(u, "mb", "mb", "megabyte", "megabytes");
        put(u, "gb", "gb", "gigabyte", "gigabytes");
        put(u, "tb", "tb", "terabyte", "terabytes");
        put(u, "hz", "hz", "hertz");
        put(u, "khz", "khz");
        put(u, "mhz", "mhz");
        put(u, "ghz", "ghz");
        put(u, "w", "w", "watt", "watts");
        put(u, "kw", "kw", "kilowatt", "kilowatts");
        put(u, "v", "v", "volt", "volts");
        put(u, "j", "j", "joule", "joules");
        put(u, "cal", "cal", "calorie", "calories", "kcal");
        put(u, "mol", "mol", "mole", "moles");
        put(u, "deg", "degree", "degrees");
        return Map.copyOf(u);
    }

    private static void put(Map<String, String> u, String canonical, String... spellings) {
        for (String s : spellings) {
            u.put(s, canonical);
        }
    }
}
