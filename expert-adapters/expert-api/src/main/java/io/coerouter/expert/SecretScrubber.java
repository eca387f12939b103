package io.coerouter.expert;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from a provider or a transport before it reaches a client or a log: the
 * expert's own configured key, and anything shaped like a bearer token, an {@code sk-} key, a Google API key or a
 * {@code key=...} parameter.
 */
public final class SecretScrubber {

    /** What a removed credential reads as. */
    public static final String REDACTED = "[redacted]";

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SK_KEY = Pattern.compile("(?i)\\b(sk|pk|rk)-[A-Za-z0-9_*.-]{4,}");
    private static final Pattern GOOGLE_KEY = Pattern.compile("\\bAIza[0-9A-Za-z_-]{10,}");
    private static final Pattern KEY_PARAMETER = Pattern.compile(
            "(?i)\\b(api[_-]?key|key|access[_-]?token|token|secret|password|authorization)(\\s*[=:]\\s*)"
                    + "(?!\\[redacted])[^\\s&,;\"']+");
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9_+=-]{40,}");

    /** The shortest run of a secret's characters that is removed wherever it appears, in any letter case. */
    static final int FRAGMENT = 8;

    private SecretScrubber() {}

    /**
     * {@code text} without {@code secret}, nor any run of {@value #FRAGMENT} or more of its consecutive characters,
     * compared without letter case: a provider that echoes a key upper-cased, cut short or from its fourth character
     * on still gives none of it away.
     */
    private static String withoutFragments(String text, String secret) {
        String lowerText = text.toLowerCase(java.util.Locale.ROOT);
        String lowerSecret = secret.toLowerCase(java.util.Locale.ROOT);
        int shortest = Math.min(FRAGMENT, lowerSecret.length());
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int longest = 0;
            for (int from = 0; from < lowerSecret.length() && longest < lowerSecret.length() - from; from++) {
                int n = 0;
                while (i + n < lowerText.length()
                        && from + n < lowerSecret.length()
                        && lowerText.charAt(i + n) == lowerSecret.charAt(from + n)) {
                    n++;
                }
                longest = Math.max(longest, n);
            }
            if (longest >= shortest) {
                out.append(REDACTED);
                i += longest;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * {@code text} with every value of {@code secrets} and every credential-shaped word replaced by {@link #REDACTED}.
     * Secrets shorter than 4 characters are not searched for (they would blank ordinary words).
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= 4) {
                out = withoutFragments(out, secret.strip());
            }
        }
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + REDACTED));
        out = SK_KEY.matcher(out).replaceAll(REDACTED);
        out = GOOGLE_KEY.matcher(out).replaceAll(REDACTED);
        out = KEY_PARAMETER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
        return LONG_TOKEN.matcher(out).replaceAll(REDACTED);
    }
}
