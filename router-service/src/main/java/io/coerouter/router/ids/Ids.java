package io.coerouter.router.ids;

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

    /**
     * Whether {@code id} is {@code prefix} and 1 to 64 letters and digits, as the ids this router makes are: anything
     * else names no object (and must never reach a store's key names).
     */
    public static boolean valid(String prefix, String id) {
        if (id == null || !id.startsWith(prefix)) {
            return false;
        }
        int length = id.length() - prefix.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
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
