package io.coerouter.router.warmup;

import io.coerouter.router.telemetry.ChatRecorder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The warm-up's credential: a random secret made for one warm-up, held only in this object and the warm-up's own
 * requests, and forgotten when the warm-up ends. A request that presents it in {@value #HEADER} on {@code POST
 * /v1/chat/completions} while it is open is the warm-up's: it is let through without a key and leaves no usage,
 * feedback or cache entry. Never logged, never in a response.
 */
public final class WarmupPass {

    /** The header the warm-up's requests carry the secret in. */
    public static final String HEADER = "X-Coe-Warmup";

    /** The only route the pass opens. */
    static final String PATH = "/v1/chat/completions";

    /** Set on the thread that serves a warm-up request, while it does. */
    private static final ThreadLocal<Boolean> SERVING = new ThreadLocal<>();

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile byte[] secret;

    private WarmupPass() {}

    /** A pass that admits nothing until {@link #open()}. */
    public static WarmupPass closed() {
        return new WarmupPass();
    }

    /** Makes a new secret and admits requests that present it until {@link #close()}; returns it. */
    String open() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String value = HexFormat.of().formatHex(raw);
        secret = value.getBytes(StandardCharsets.US_ASCII);
        return value;
    }

    /** Admits nothing any more; the secret is forgotten. */
    void close() {
        secret = null;
    }

    /**
     * Whether a request ({@code method}, {@code path}, the value of its {@value #HEADER} header or null) is a warm-up
     * request: the open secret (constant time) on the one route it opens.
     */
    public boolean admits(String method, String path, String presented) {
        byte[] open = secret;
        if (open == null || presented == null) {
            return false;
        }
        boolean same = MessageDigest.isEqual(open, presented.getBytes(StandardCharsets.US_ASCII));
        return same && "POST".equals(method) && PATH.equals(path);
    }

    /** Serves a warm-up request on this thread: what it records here is dropped ({@link #uncounted}). */
    public static void serve(ServingAction action) throws Exception {
        SERVING.set(Boolean.TRUE);
        try {
            action.run();
        } finally {
            SERVING.remove();
        }
    }

    /** The rest of a filter chain. */
    @FunctionalInterface
    public interface ServingAction {
        void run() throws Exception;
    }

    /** {@code recorder} but for the samples of warm-up requests, which it never sees: the live metrics stay clients'. */
    public static ChatRecorder uncounted(ChatRecorder recorder) {
        return sample -> {
            if (SERVING.get() == null) {
                recorder.record(sample);
            }
        };
    }

    /**
     * Whether this thread serves a warm-up request now (inside {@link #serve}): only then may a route decision reach
     * the warm-up's unlisted expert.
     */
    public static boolean serving() {
        return SERVING.get() != null;
    }
}
