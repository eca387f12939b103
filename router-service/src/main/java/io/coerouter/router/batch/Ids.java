package io.coerouter.router.batch;

import java.util.concurrent.ThreadLocalRandom;

/** Random ids with OpenAI's prefixes ({@code file-}, {@code batch_}, {@code batch_req_}). */
final class Ids {

    private static final char[] CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    static String next(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(prefix.length() + 24).append(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(CHARS[random.nextInt(CHARS.length)]);
        }
        return id.toString();
    }
}
