package io.coerouter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the slow upstream streams for one request, derived from the stream number in the question alone, so the client
 * that asked knows the exact text it must receive: how many chunks, their words, and the pause before each.
 *
 * @param minChunks fewest content chunks a stream has
 * @param maxChunks most content chunks a stream has
 * @param minPauseMs shortest pause before a chunk
 * @param maxPauseMs longest pause before a chunk
 */
record StreamScript(int minChunks, int maxChunks, int minPauseMs, int maxPauseMs) {

    /** Some words have non-ASCII letters, so a chunk split or re-encoded wrongly shows in the text. */
    private static final String[] WORDS = {
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "écho",
        "foxtrot",
        "golf",
        "hôtel",
        "india",
        "juliett",
        "kilo",
        "lima",
        "mike",
        "november",
        "oscar",
        "papa",
        "québec",
        "romeo",
        "sierra",
        "tango",
        "uniform",
        "victor",
        "whiskey",
        "x-ray",
        "yankee",
        "zulu",
        "数据",
        "straße"
    };

    private static final Pattern STREAM_NUMBER = Pattern.compile("Stream (\\d{1,18}):");

    StreamScript {
        if (minChunks < 1 || maxChunks < minChunks || maxChunks > 10_000) {
            throw new IllegalArgumentException(
                    "chunks must be 1 <= min <= max <= 10000, but were " + minChunks + ".." + maxChunks);
        }
        if (minPauseMs < 0 || maxPauseMs < minPauseMs || maxPauseMs > 60_000) {
            throw new IllegalArgumentException(
                    "pauses must be 0 <= min <= max <= 60000 ms, but were " + minPauseMs + ".." + maxPauseMs);
        }
    }

    /** The question the client asks for stream {@code n}; the upstream finds {@code n} in it. */
    static String question(long n) {
        return "Stream " + n + ": tell me the words.";
    }

    /** The stream number in a request body, or -1 when there is none. */
    static long streamNumber(String requestBody) {
        Matcher m = STREAM_NUMBER.matcher(requestBody);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The content chunks of stream {@code n}, in order. */
    List<String> chunks(long n) {
        long seed = mix(n);
        int count = minChunks + (int) Long.remainderUnsigned(seed, maxChunks - minChunks + 1);
        List<String> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long h = mix(seed + i);
            chunks.add((i == 0 ? "" : " ") + WORDS[(int) Long.remainderUnsigned(h, WORDS.length)] + "-" + i);
        }
        return chunks;
    }

    /** The whole text of stream {@code n}. */
    String text(long n) {
        return String.join("", chunks(n));
    }

    /** The pause before chunk {@code i} of stream {@code n}. */
    long pauseMs(long n, int i) {
        long h = mix(mix(n) ^ (0x9E3779B97F4A7C15L * (i + 1)));
        return minPauseMs + Long.remainderUnsigned(h, maxPauseMs - minPauseMs + 1);
    }

    /** SplitMix64's finaliser: a cheap, well-spread hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
