package io.coerouter.router.chat;

import java.util.concurrent.ThreadLocalRandom;

/** Random ids with OpenAI's prefixes ({@code chatcmpl-}, {@code file-}, {@code batch_}, {@code batch_req_}). */
public final class Ids {

    private static final char[] CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    /** {@code prefix} and 24 random letters and digits. */
    public static String next(String prefix) {
        return next(prefix, 24);
    }

    /** {@code prefix} and {@code randomChars} random letters and digits. */
    public static String next(String prefix, int randomChars) {
        return next(prefix, randomChars, ThreadLocalRandom.current());
    }

    /** Like {@link #next(String, int)}, from a cryptographically strong source: for secrets such as API keys. */
    public static String secret(String prefix, int randomChars) {
        return next(prefix, randomChars, SECURE);
    }

    private static final java.security.SecureRandom SECURE = new java.security.SecureRandom();

    private static String next(String prefix, int randomChars, java.util.random.RandomGenerator random) {
        char[] id = new char[prefix.length() + randomChars];
        prefix.getChars(0, prefix.length(), id, 0);
        for (int i = prefix.length(); i < id.length; i++) {
            id[i] = CHARS[random.nextInt(CHARS.length)];
        }
        return new String(id);
    }
}
