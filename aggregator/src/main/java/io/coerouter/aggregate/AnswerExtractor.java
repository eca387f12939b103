package io.coerouter.aggregate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of an answer that votes are counted on, e.g. its final number. Returns null when the answer holds none
 * (that answer then casts no vote).
 */
@FunctionalInterface
public interface AnswerExtractor {

    /** The normalised key of {@code text}, or null. */
    String extract(String text);

    /** {@code \boxed{...}} when present, else the last non-blank line, normalised: the right default for short answers. */
    static AnswerExtractor auto() {
        return text -> {
            String boxed = boxed().extract(text);
            return boxed != null ? boxed : lastLine().extract(text);
        };
    }

    /** The last number (commas dropped, trailing zeros of a decimal dropped). */
    static AnswerExtractor number() {
        Pattern number = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");
        return text -> {
            Matcher m = number.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.group();
            }
            if (last == null) {
                return null;
            }
            String n = last.replace(",", "");
            return n.contains(".") ? n.replaceAll("0+$", "").replaceAll("\\.$", "") : n;
        };
    }

    /** A multiple-choice letter A-J: "the answer is (B)", "Answer: C", or a reply that starts with one. */
    static AnswerExtractor choice() {
        Pattern stated = Pattern.compile("answer(?: is)?\\s*:?\\s*\\(?([A-J])\\b", Pattern.CASE_INSENSITIVE);
        // "(B)", "B.", "B)", "B:" or a lone letter; not a word that starts with one ("I am", "A cat").
        Pattern leading = Pattern.compile("^\\s*(?:\\(([A-J])\\)|([A-J])[.):](?:\\s|$)|([A-J])\\s*$)");
        return text -> {
            Matcher m = stated.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last == null) {
                Matcher l = leading.matcher(text);
                if (l.find()) {
                    last = l.group(1) != null ? l.group(1) : l.group(2) != null ? l.group(2) : l.group(3);
                }
            }
            return last == null ? null : last.toUpperCase(Locale.ROOT);
        };
    }

    /** The content of the last {@code \boxed{...}} (nested braces allowed). */
    static AnswerExtractor boxed() {
        return text -> {
            int at = text.lastIndexOf("\\boxed{");
            if (at < 0) {
                return null;
            }
            int depth = 0;
            int start = at + "\\boxed{".length();
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        return normalise(text.substring(start, i));
                    }
                    depth--;
                }
            }
            return null;
        };
    }

    /** The last non-blank line, normalised. */
    static AnswerExtractor lastLine() {
        return text -> {
            String[] lines = text.strip().split("\\R");
            String last = lines[lines.length - 1];
            return last.isBlank() ? null : normalise(last);
        };
    }

    /** The first group of the last match of {@code pattern} (the whole match when it has no group), normalised. */
    static AnswerExtractor regex(String pattern) {
        Pattern p;
        try {
            p = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("extraction regex is not valid: " + e.getDescription(), e);
        }
        return text -> {
            Matcher m = p.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.groupCount() > 0 ? m.group(1) : m.group();
            }
            return last == null ? null : normalise(last);
        };
    }

    /** By name: {@code auto}, {@code number}, {@code choice}, {@code boxed}, {@code last-line} or {@code regex:<pattern>}. */
    static AnswerExtractor named(String name) {
        if (name.startsWith("regex:")) {
            return regex(name.substring("regex:".length()));
        }
        return switch (name) {
            case "auto" -> auto();
            case "number" -> number();
            case "choice" -> choice();
            case "boxed" -> boxed();
            case "last-line" -> lastLine();
            default ->
                throw new IllegalArgumentException("answer extraction must be one of [auto, number, choice, boxed,"
                        + " last-line, regex:<pattern>], but was '" + name + "'");
        };
    }

    /** Trimmed, lower case, whitespace collapsed, trailing period dropped. */
    static String normalise(String text) {
        String n = text.strip()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\.$", "")
                .strip();
        return n.isEmpty() ? null : n;
    }
}
