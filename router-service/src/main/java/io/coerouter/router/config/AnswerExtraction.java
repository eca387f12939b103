package io.coerouter.router.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What votes are counted on ({@code coe.aggregation.extraction}): one of a closed set of extractors, or a regular
 * expression of the operator's ({@code regex:<pattern>}).
 *
 * @param kind which extractor
 * @param pattern the regular expression of {@link Kind#REGEX}, else null
 */
public record AnswerExtraction(Kind kind, String pattern) {

    /** The extractors. */
    public enum Kind {
        /** {@code \boxed{}}, else the last line. */
        AUTO("auto"),
        NUMBER("number"),
        CHOICE("choice"),
        BOXED("boxed"),
        LAST_LINE("last-line"),
        /** The first group (else the whole match) of the operator's pattern. */
        REGEX("regex");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The id in configuration. */
        public String id() {
            return id;
        }
    }

    /** The default. */
    public static final AnswerExtraction AUTO = new AnswerExtraction(Kind.AUTO, null);

    private static final String REGEX_PREFIX = "regex:";

    public AnswerExtraction {
        Objects.requireNonNull(kind, "kind must not be null");
        if ((kind == Kind.REGEX) != (pattern != null)) {
            throw new IllegalArgumentException("a pattern goes with regex extraction, and only with it");
        }
    }

    /**
     * The extraction {@code value} names: {@code auto}, {@code number}, {@code choice}, {@code boxed}, {@code
     * last-line} (also as Spring Boot binds enums leniently, {@code LAST_LINE}) or {@code regex:<pattern>}. Spring's
     * conversion finds this factory by its name, so the property binds from its string.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AnswerExtraction of(String value) {
        if (value.startsWith(REGEX_PREFIX)) {
            return new AnswerExtraction(Kind.REGEX, value.substring(REGEX_PREFIX.length()));
        }
        String wanted = lenient(value);
        return Arrays.stream(Kind.values())
                .filter(k -> k != Kind.REGEX && lenient(k.id()).equals(wanted))
                .findFirst()
                .map(k -> new AnswerExtraction(k, null))
                .orElseThrow(() -> new IllegalArgumentException(
                        "must be one of [auto, number, choice, boxed, last-line, regex:<pattern>], but was '" + value
                                + "'"));
    }

    /** As configured: {@code last-line}, {@code regex:<pattern>}. */
    @JsonValue
    @Override
    public String toString() {
        return kind == Kind.REGEX ? REGEX_PREFIX + pattern : kind.id();
    }

    private static String lenient(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
