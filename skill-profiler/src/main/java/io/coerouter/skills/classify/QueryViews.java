package io.coerouter.skills.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query read three ways: whole, its stem (the question before its answer options) and its options. A question
 * without recognisable options has only the whole view. Options start at "The options are:" (or "Options:",
 * "Choices:", "Answer choices:") or at the first " (A) " / line starting "A." or "A)".
 *
 * @param full the query, cut to the configured length
 * @param stem the text before the options, or null when there are none
 * @param options the options, or null when there are none
 */
record QueryViews(String full, String stem, String options) {

    private static final Pattern MARKER = Pattern.compile(
            "(?i)(?:\\b(?:the\\s+)?(?:answer\\s+)?(?:options|choices)(?:\\s+are)?\\s*:)|(?:\\s\\(A\\)\\s)|(?:\\n\\s*A[.)]\\s)");

    /** The views of {@code text}, each cut to {@code maxChars}. */
    static QueryViews of(String text, int maxChars) {
        String full = cut(text.strip(), maxChars);
        Matcher m = MARKER.matcher(text);
        if (!m.find()) {
            return new QueryViews(full, null, null);
        }
        String stem = text.substring(0, m.start()).strip();
        String marker = m.group();
        // A phrase marker is dropped; an "(A)" marker is part of the options.
        String options = (marker.contains(":") ? text.substring(m.end()) : text.substring(m.start())).strip();
        if (stem.isEmpty() || options.isEmpty()) {
            return new QueryViews(full, null, null);
        }
        return new QueryViews(full, cut(stem, maxChars), cut(options, maxChars));
    }

    boolean hasOptions() {
        return options != null;
    }

    private static String cut(String s, int maxChars) {
        return s.length() <= maxChars ? s : s.substring(0, maxChars);
    }
}
