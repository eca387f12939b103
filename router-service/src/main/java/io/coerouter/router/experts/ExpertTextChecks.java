package io.coerouter.router.experts;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks of an expert definition's free-form strings: the base URL, the model name and the description. */
final class ExpertTextChecks {

    private static final Pattern MODEL = Pattern.compile("[!-~&&[^?#%\\\\]]+");
    private static final int MAX_URL = 2048;
    private static final int MAX_DESCRIPTION = 1024;

    private ExpertTextChecks() {}

    static void url(URI url) {
        if (url == null) {
            return;
        }
        String text = url.toString();
        if (text.length() > MAX_URL) {
            throw new InvalidExpertException("base_url", "base_url must be at most " + MAX_URL + " characters.");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.isOpaque()) {
            throw ExpertDefinitions.invalid("base_url", "must be an absolute http(s) URL with a host", text);
        }
        if (url.getRawUserInfo() != null) {
            // Not echoed: user info is a credential.
            throw new InvalidExpertException(
                    "base_url", "base_url must not hold user info (credentials); use api_key_env.");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw ExpertDefinitions.invalid("base_url", "must have no query or fragment", text);
        }
    }

    /**
     * A model or deployment name goes into provider URL paths (Azure's {@code /openai/deployments/<model>/...},
     * Gemini's {@code /models/<model>:generateContent}): printable, no whitespace, none of {@code ? # % \\}, no
     * leading {@code /} and no {@code .} or {@code ..} segment. {@code /} (Hugging Face names), {@code :} (Ollama
     * tags), {@code .}, {@code -}, {@code _} and {@code @} stay allowed.
     */
    static void model(String model) {
        if (model == null) {
            return;
        }
        boolean printable = MODEL.matcher(model).matches();
        boolean badSegment =
                java.util.Arrays.stream(model.split("/", -1)).anyMatch(s -> s.equals("..") || s.equals("."));
        if (!printable || model.startsWith("/") || badSegment) {
            throw ExpertDefinitions.invalid(
                    "model",
                    "must be a model name without whitespace, '?', '#', '%', '\\', a leading '/' or a '..' segment",
                    model);
        }
    }

    /** Free text: line breaks allowed (the console edits it in a text area), no other control character. */
    static void description(String value) {
        if (value != null
                && (value.length() > MAX_DESCRIPTION
                        || value.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)))) {
            throw new InvalidExpertException(
                    "description",
                    "description must be at most " + MAX_DESCRIPTION
                            + " characters without control characters other than line breaks (\\n).");
        }
    }
}
