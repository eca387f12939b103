package io.coerouter.router.cache;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sentence embeddings miss: two questions a word apart can mean different things ("what is 2+2" and "what is
 * 2+3" embed at 0.96). A semantic match must also keep:
 *
 * <ul>
 *   <li>the same numbers (digits, or the words two to twelve), in the same order when a non-commutative operator joins
 *       them in the same words ("9 minus 23" is not "23 minus 9", but "subtract 11 from 28" is "28 minus 11");
 *   <li>numbers with the same units, and the same units anywhere ("how many centimeters make 34 meters" is not "how
 *       many millimeters make 34 meters");
 *   <li>the same math operators, whether symbols or words ("plus", "add", "sum" are all +; "times", "multiply", "x"
 *       before a number are all *; a "-" or "*" that starts a line is a list bullet, not an operator);
 *   <li>the same negation (an even or odd count of negating words, "except" included);
 *   <li>the same comparison, direction, contrast and colour words, by meaning class and as often ("largest" and
 *       "maximum" agree; "before" and "after", "backwards" and "forwards", "inflationary" and "deflationary" do not,
 *       nor do "7 red and 5 white balls: draw a red one" and "... draw a white one");
 *   <li>the same names: every capitalised word of one question (past a stop list of words that merely start sentences
 *       or requests), and the word after "word" ("reverse the word bear"), appears, in any case, in the other.
 * </ul>
 *
 * A paraphrase keeps all of these; a near miss changes at least one. The text is NFKC-normalised first, so full-width
 * and other compatibility digits and letters count as their plain forms. It is one linear regex scan (character
 * classes only, no nested quantifiers and no repeated groups: neither backtracking blow-up nor deep recursion on long
 * input) and a few hash lookups per token: it runs on the request path, for each candidate over the threshold.
 */
public final class NearMissGuard {

    /** What a question must keep to match another: built once per question by {@link #of}. */
    public record Signature(
            List<String> numbers,
            List<String> orderedNumbers,
            List<String> quantities,
            Set<String> units,
            List<String> operators,
            List<String> operatorWords,
            boolean negated,
            List<String> polarity,
            Set<String> names,
            Set<String> words,
            List<String> content) {}

    /** Function words that carry no content of their own (beside {@link #NOT_NAMES}). */
    private static final Set<String> FUNCTION = Set.of(
            "the",
            "a",
            "an",
            "of",
            "to",
            "in",
            "on",
            "for",
            "with",
            "by",
            "from",
            "at",
            "and",
            "or",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "do",
            "does",
            "did",
            "whats",
            "me",
            "us",
            "its",
            "their",
            "his",
            "her",
            "they",
            "them",
            "he",
            "she",
            "than",
            "then",
            "such",
            "very",
            "really",
            "following",
            "much",
            "many",
            "how",
            "which",
            "what",
            "there",
            "here",
            "into",
            "onto",
            "per",
            "via",
            "would",
            "will",
            "can",
            "could",
            "written",
            "spelled",
            "spelt",
            "spell",
            "say",
            "said",
            "called",
            "mean",
            "means",
            "meant");

    private static final Pattern TOKEN = Pattern.compile(
            "[$€£]?\\p{Nd}[\\p{Nd}.,]*%?|[\\p{L}][\\p{L}\\p{Mn}\\p{Nd}_'’]*|[+*/^=<>×÷−]|-(?=\\s*\\p{Nd})");

    private static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "none", "nor", "neither", "nothing", "nobody", "nowhere", "cannot", "without",
            "except");

    /**
     * Words whose change reverses or redirects a question while its embedding barely moves, each mapped to its meaning
     * class: words of one class are interchangeable, words of two classes are not.
     */
    private static final Map<String, String> POLARITY = polarity();

    /** Operators spelled as words; "x" counts as * only right after a number. */
    private static final Map<String, String> WORD_OPERATORS = operators();

    /** Operators whose operands may not swap. */
    private static final Set<String> ORDERED = Set.of("-", "/", "^");

    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"),
            Map.entry("two", "2"),
            Map.entry("three", "3"),
            Map.entry("four", "4"),
            Map.entry("five", "5"),
            Map.entry("six", "6"),
            Map.entry("seven", "7"),
            Map.entry("eight", "8"),
            Map.entry("nine", "9"),
            Map.entry("ten", "10"),
            Map.entry("eleven", "11"),
            Map.entry("twelve", "12"));

    private static final Map<String, String> UNITS = units();

    /** Unit spellings that count wherever they stand (not only after a number): none that is also a common word. */
    private static final Set<String> NOT_UNITS_ALONE =
            Set.of("m", "g", "l", "c", "f", "s", "h", "w", "v", "j", "b", "d", "k", "am", "pm", "min", "second");

    /** Capitalised words that start sentences and questions rather than name anything. */
    private static final Set<String> NOT_NAMES = Set.of(
            "max",
            "min",
            "except",
            "he",
            "she",
            "his",
            "her",
            "him",
            "they",
            "their",
            "them",
            "its",
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
            "just",
            "according",
            "within",
            "supposing",
            "discuss",
            "briefly",
            "roughly",
            "kindly",
            "quick",
            "another",
            "express",
            "take",
            "sum",
            "spell",
            "count",
            "reverse",
            "turn",
            "subtract",
            "multiply",
            "add",
            "capital",
            "using",
            "check",
            "approximately",
            "approx",
            "among",
            "during",
            "since",
            "based",
            "following",
            "assuming",
            "considering",
            "say",
            "imagine",
            "quickly",
            "simply",
            "again",
            "well",
            "actually",
            "basically",
            "sorry",
            "dear",
            "isn't",
            "aren't",
            "don't",
            "doesn't",
            "can't",
            "won't",
            "wasn't",
            "weren't",
            "didn't",
            "exactly",
            "state",
            "outline",
            "what're",
            "where's",
            "when's",
            "why's",
            "who're",
            "wheres",
            "hows",
            "whos",
            "pls",
            "plz",
            "note",
            "remember",
            "recall",
            "estimate",
            "predict",
            "prove",
            "verify");

    private NearMissGuard() {}

    /** The signature of {@code text}. */
    public static Signature of(String text) {
        String normal = Normalizer.isNormalized(text, Normalizer.Form.NFKC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC);
        List<String> numbers = new ArrayList<>();
        List<String> quantities = new ArrayList<>();
        Set<String> units = new HashSet<>();
        List<String> operators = new ArrayList<>();
        List<String> operatorWords = new ArrayList<>();
        List<String> polarity = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> words = new HashSet<>();
        List<String> content = new ArrayList<>();
        int negations = 0;
        Matcher m = TOKEN.matcher(normal);
        String pendingNumber = null;
        boolean afterWord = false;
        String multiplies = null;
        while (m.find()) {
            String token = trimNumber(m.group());
            char c = token.charAt(0);
            boolean named = afterWord;
            afterWord = false;
            String lower = token.toLowerCase(Locale.ROOT).replace('’', '\'');
            boolean numeric = Character.isDigit(c) || ((c == '$' || c == '€' || c == '£') && token.length() > 1);
            if (multiplies != null && (numeric || NUMBER_WORDS.containsKey(lower))) {
                // "6 times 7", "3 x 8": a product only when a number follows ("five times" alone is a count).
                operators.add("*");
                operatorWords.add(multiplies);
            }
            multiplies = null;
            if (numeric) {
                String number = number(token);
                numbers.add(number);
                if (c == '$' || c == '€' || c == '£') {
                    String unit = UNITS.get(String.valueOf(c));
                    quantities.add(number + " " + unit);
                    units.add(unit);
                    pendingNumber = null;
                } else if (token.endsWith("%")) {
                    quantities.add(number + " %");
                    units.add("%");
                    pendingNumber = null;
                } else {
                    pendingNumber = number;
                }
                continue;
            }
            String operator = WORD_OPERATORS.get(lower);
            if (operator == null && token.length() == 1 && "+*/^=<>-".indexOf(c) >= 0) {
                operator = token;
            }
            if (lower.equals("times") || (lower.equals("x") && pendingNumber != null)) {
                multiplies = lower;
                pendingNumber = null;
                words.add(lower);
                continue;
            }
            if (operator != null && token.length() == 1 && bullet(normal, m.start())) {
                // "- 3 apples" or "* 5 pears" at the start of a line is a list item, not arithmetic.
                continue;
            }
            if (operator != null) {
                operators.add(operator);
                operatorWords.add(lower);
                pendingNumber = null;
                continue;
            }
            String spelled = NUMBER_WORDS.get(lower);
            if (spelled != null) {
                numbers.add(spelled);
                pendingNumber = spelled;
                words.add(lower);
                continue;
            }
            String unit = UNITS.get(lower);
            if (unit != null) {
                if (pendingNumber != null) {
                    quantities.add(pendingNumber + " " + unit);
                }
                if (!NOT_UNITS_ALONE.contains(lower)) {
                    units.add(unit);
                }
            }
            // "100 degrees Celsius": the number still belongs to the scale that follows "degrees".
            if (!"deg".equals(unit)) {
                pendingNumber = null;
            }
            if (!Character.isLetter(c)) {
                continue;
            }
            String stem = lower.endsWith("'s") ? lower.substring(0, lower.length() - 2) : lower;
            words.add(stem);
            if (NEGATIONS.contains(lower) || lower.endsWith("n't")) {
                negations++;
            }
            String polar = POLARITY.get(lower);
            if (polar != null) {
                polarity.add(polar);
            }
            boolean common = NOT_NAMES.contains(lower) || NOT_NAMES.contains(stem);
            if (!common && (Character.isUpperCase(c) || named)) {
                names.add(stem);
            }
            if (!common
                    && polar == null
                    && unit == null
                    && !FUNCTION.contains(stem)
                    && !NEGATIONS.contains(lower)
                    && !lower.endsWith("n't")) {
                content.add(singular(stem));
            }
            afterWord = lower.equals("word");
        }
        List<String> ordered = List.copyOf(numbers);
        Collections.sort(numbers);
        Collections.sort(quantities);
        Collections.sort(operators);
        Collections.sort(polarity);
        Collections.sort(content);
        return new Signature(
                List.copyOf(numbers),
                ordered,
                List.copyOf(quantities),
                Set.copyOf(units),
                List.copyOf(operators),
                List.copyOf(operatorWords),
                negations % 2 == 1,
                List.copyOf(polarity),
                Set.copyOf(names),
                Set.copyOf(words),
                List.copyOf(content));
    }

    /** Whether questions with signatures {@code a} and {@code b} may be answered alike. */
    public static boolean compatible(Signature a, Signature b) {
        return a.numbers().equals(b.numbers())
                && a.quantities().equals(b.quantities())
                && a.units().equals(b.units())
                && a.operators().equals(b.operators())
                && inOrder(a, b)
                && a.negated() == b.negated()
                && a.polarity().equals(b.polarity())
                && b.words().containsAll(a.names())
                && a.words().containsAll(b.names())
                && !oneWordSwapped(a.content(), b.content());
    }

    /**
     * Whether two questions differ in exactly one content word, swapped for another that is not a form of it ("count
     * the letters in point" and "... in paint", "capital of iran" and "... of iraq", "rank of the matrix" and
     * "determinant of the matrix"): the classic near miss. A paraphrase rewords more, or only adds or drops words; one
     * that swaps a single word for a synonym is refused too, which costs a hit, never a wrong answer.
     */
    static boolean oneWordSwapped(List<String> a, List<String> b) {
        List<String> onlyA = new ArrayList<>(a);
        List<String> onlyB = new ArrayList<>(b);
        for (String w : b) {
            onlyA.remove(w);
        }
        for (String w : a) {
            onlyB.remove(w);
        }
        return onlyA.size() == 1 && onlyB.size() == 1 && !forms(onlyA.get(0), onlyB.get(0));
    }

    /**
     * Whether two words are forms of one ("photosynthesis", "photosynthetic"): they share their first five letters.
     * (Not merely one starting the other: "sing" and "singer" are different words; plurals are already singular.)
     */
    private static boolean forms(String x, String y) {
        int common = 0;
        while (common < x.length() && common < y.length() && x.charAt(common) == y.charAt(common)) {
            common++;
        }
        return common >= 5;
    }

    /** A plural's singular, roughly: "vectors" is "vector", "glass" stays. */
    private static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")
                ? word.substring(0, word.length() - 1)
                : word;
    }

    /** Whether {@code a} and {@code b} may be answered alike. */
    public static boolean compatible(String a, String b) {
        return compatible(of(a), of(b));
    }

    /**
     * The numbers keep their order where it matters: when a non-commutative operator joins them and both questions
     * spell their operators alike (spelled differently, as in "subtract 11 from 28" and "28 minus 11", the order may
     * legitimately differ).
     */
    private static boolean inOrder(Signature a, Signature b) {
        if (a.orderedNumbers().equals(b.orderedNumbers()) || !a.operatorWords().equals(b.operatorWords())) {
            return true;
        }
        for (String op : a.operators()) {
            if (ORDERED.contains(op)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A token without the sentence's full stop or comma after a number ("15 + 8." ends in 8). Numbers are matched as
     * one character class and trimmed here, not as a repeated group, which Java's regex engine would recurse into once
     * per repetition (a stack overflow on "1.1.1...").
     */
    private static String trimNumber(String token) {
        int end = token.length();
        while (end > 1 && (token.charAt(end - 1) == '.' || token.charAt(end - 1) == ',')) {
            end--;
        }
        return end == token.length() ? token : token.substring(0, end);
    }

    /** Whether {@code s} is digits in groups of three after the first, split by commas, as "1,000" or "12,345.6". */
    private static boolean thousands(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        int first = whole.indexOf(',');
        if (first < 1 || first > 3 || (dot >= 0 && s.indexOf(',', dot) >= 0)) {
            return false;
        }
        int run = 0;
        for (int i = first + 1; i < whole.length(); i++) {
            if (whole.charAt(i) == ',') {
                if (run != 3) {
                    return false;
                }
                run = 0;
            } else {
                run++;
            }
        }
        return run == 3;
    }

    /** Whether the character at {@code at} is the first of its line but for spaces and tabs. */
    private static boolean bullet(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A number in one spelling: thousands separators and trailing zeros dropped ("1,000.50" and "1000.5" agree). */
    private static String number(String token) {
        StringBuilder kept = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c != '$' && c != '€' && c != '£' && c != '%') {
                kept.append(c);
            }
        }
        String digits = kept.toString();
        if (thousands(digits)) {
            digits = digits.replace(",", "");
        }
        digits = digits.replace(',', '.');
        try {
            return new BigDecimal(digits).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return digits;
        }
    }

    private static Map<String, String> polarity() {
        Map<String, String> p = new HashMap<>();
        put(p, "more", "more", "greater", "larger", "bigger", "higher");
        put(p, "less", "less", "fewer", "smaller", "lower");
        put(p, "max", "most", "maximum", "max", "largest", "biggest", "highest", "greatest");
        put(p, "min", "least", "minimum", "smallest", "lowest", "fewest");
        put(p, "before", "before", "prior", "preceding", "precedes", "earlier", "previous");
        put(p, "after", "after", "follows", "follow", "followed", "later", "subsequent");
        put(p, "first", "first", "begin", "begins", "beginning", "start", "starts", "starting", "initial");
        put(p, "last", "last", "end", "ends", "ending", "final");
        put(p, "above", "above", "over");
        put(p, "below", "below", "under");
        put(p, "backward", "backwards", "backward", "reverse", "reversed", "reversing");
        put(p, "forward", "forwards", "forward");
        put(p, "upper", "uppercase", "upper", "capitals");
        put(p, "lowercase", "lowercase");
        put(p, "small", "small");
        put(
                p,
                "differ",
                "differ",
                "differs",
                "differently",
                "difference",
                "differences",
                "distinguish",
                "distinguishes",
                "distinguishing");
        put(p, "same", "common", "similar", "similarities", "share");
        put(p, "lack", "deficiency", "deficient", "lack", "shortage");
        put(p, "excess", "excess", "surplus");
        put(p, "inflation", "inflation", "inflationary");
        put(p, "deflation", "deflation", "deflationary");
        put(p, "recession", "recession", "recessions", "recessionary");
        put(p, "expansion", "expansionary", "expansion");
        put(p, "contraction", "contractionary", "contraction");
        put(p, "inverse", "inverse");
        put(p, "yesterday", "yesterday");
        put(p, "tomorrow", "tomorrow");
        put(p, "increase", "increase", "increases", "increasing", "rise", "rises", "rising");
        put(p, "decrease", "decrease", "decreases", "decreasing", "fall", "falls", "falling");
        put(p, "vowel", "vowel", "vowels");
        put(p, "consonant", "consonant", "consonants");
        put(p, "advantage", "advantage", "advantages", "pros", "benefits");
        put(p, "disadvantage", "disadvantage", "disadvantages", "cons", "drawbacks");
        put(p, "import", "import", "imports");
        put(p, "export", "export", "exports");
        put(p, "open", "open", "opens", "opened", "opening");
        put(p, "close", "close", "closes", "closed", "closing");
        put(p, "gray", "gray", "grey");
        put(p, "national", "national", "nationally");
        put(p, "domestic", "domestic", "domestically");
        put(p, "international", "international", "internationally");
        for (String w : List.of(
                "red",
                "orange",
                "yellow",
                "green",
                "blue",
                "indigo",
                "violet",
                "purple",
                "pink",
                "brown",
                "white",
                "black",
                "foreign",
                "local",
                "global",
                "positive",
                "negative",
                "true",
                "false",
                "left",
                "north",
                "south",
                "east",
                "west",
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
                "effect",
                "good",
                "evil",
                "high",
                "low",
                "distant",
                "nearby",
                "odd",
                "even",
                "prime",
                "ascending",
                "descending",
                "progressive",
                "regressive",
                "series",
                "parallel",
                "frequently",
                "infrequently",
                "buy",
                "sell",
                "input",
                "output",
                "maximize",
                "minimize")) {
            p.put(w, w);
        }
        return Map.copyOf(p);
    }

    private static Map<String, String> operators() {
        Map<String, String> o = new HashMap<>();
        put(o, "+", "plus", "add", "adds", "added", "adding", "sum");
        put(o, "-", "minus", "subtract", "subtracts", "subtracted", "subtracting", "−");
        put(o, "*", "multiply", "multiplies", "multiplied", "multiplying", "×");
        put(o, "/", "divide", "divides", "divided", "dividing", "÷");
        return Map.copyOf(o);
    }

    private static Map<String, String> units() {
        Map<String, String> u = new HashMap<>();
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
        put(u, "cup", "cup", "cups");
        put(u, "c", "c", "celsius", "centigrade");
        put(u, "f", "f", "fahrenheit");
        put(u, "k", "kelvin", "kelvins");
        put(u, "s", "s", "sec", "secs", "second", "seconds");
        put(u, "min", "min", "mins", "minute", "minutes");
        put(u, "h", "h", "hr", "hrs", "hour", "hours");
        put(u, "d", "day", "days");
        put(u, "wk", "week", "weeks");
        put(u, "mo", "month", "months");
        put(u, "yr", "year", "years", "yrs");
        put(u, "%", "percent", "percentage", "%");
        put(u, "usd", "$", "usd", "dollar", "dollars");
        put(u, "eur", "€", "eur", "euro", "euros");
        put(u, "gbp", "£", "gbp");
        put(u, "mph", "mph");
        put(u, "kmh", "kmh", "kph");
        put(u, "knot", "knot", "knots");
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
        put(u, "am", "am");
        put(u, "pm", "pm");
        return Map.copyOf(u);
    }

    private static void put(Map<String, String> map, String canonical, String... spellings) {
        for (String s : spellings) {
            map.put(s, canonical);
        }
    }
}
