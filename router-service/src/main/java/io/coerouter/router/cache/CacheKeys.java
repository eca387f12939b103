package io.coerouter.router.cache;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a request's answer is kept: its scope, the hash of its whole canonical form (exact), the hash of everything but
 * its last user message (context: the entries a paraphrase may match), and that message (query).
 *
 * <p>The canonical form is the model, the routing options ({@code coe.k}, aggregator, skills, method, cost and latency
 * limits, tradeoff; not {@code explain} or {@code cache}), the experts the caller's key may reach (so keys limited to
 * other experts never share an answer, even in the shared scope), every sampling parameter and every message's role
 * and text, each written with its length so no two different requests encode alike. {@code stream} and {@code
 * stream_options} are not part of it: a stream is answered from a whole answer and the other way round.
 *
 * @param scope {@code shared}, {@code key:<id>}, or {@code anonymous} (API keys off)
 * @param exact the canonical request's SHA-256, 32 hex digits
 * @param context the hash of the canonical request without its last message's text, or null when the last message is
 *     not the user's (then only exact matches are possible)
 * @param query the last user message's text when {@code context} is set, else null
 * @param model the requested model ({@code coe} or an expert id)
 */
public record CacheKeys(String scope, String exact, String context, String query, String model) {

    private static final String VERSION = "coe-cache-v1";

    /** The keys of {@code request} from a caller with API key {@code keyId} (null: keys off) in {@code scope}. */
    public static CacheKeys of(ChatCompletionRequest request, String keyId, CacheScope scope) {
        StringBuilder common = new StringBuilder(256);
        common(common, request);
        List<ChatMessage> messages = request.expertRequest().messages();
        StringBuilder earlier = new StringBuilder(common);
        for (int i = 0; i < messages.size() - 1; i++) {
            message(earlier, messages.get(i));
        }
        ChatMessage last = messages.get(messages.size() - 1);
        StringBuilder whole = new StringBuilder(earlier);
        message(whole, last);
        boolean semantic = last.role() == ChatMessage.Role.USER;
        String context = null;
        if (semantic) {
            earlier.append("last=user;");
            context = hash(earlier);
        }
        return new CacheKeys(
                scopeOf(keyId, scope), hash(whole), context, semantic ? last.content() : null, request.model());
    }

    /** The scope a caller with API key {@code keyId} (null: keys off) uses. */
    public static String scopeOf(String keyId, CacheScope scope) {
        if (scope == CacheScope.SHARED) {
            return "shared";
        }
        return keyId == null ? "anonymous" : "key:" + keyId;
    }

    private static void common(StringBuilder out, ChatCompletionRequest request) {
        field(out, "v", VERSION);
        field(out, "model", request.model());
        CoeOptions coe = request.coe();
        field(out, "k", coe.k());
        field(
                out,
                "aggregator",
                coe.aggregator() == null ? null : coe.aggregator().id());
        field(out, "skills", coe.skills());
        field(out, "method", coe.method() == null ? null : coe.method().id());
        field(out, "max_cost", coe.maxCostUsd() == null ? null : plain(coe.maxCostUsd()));
        field(out, "max_latency", coe.maxLatencyMs());
        field(out, "tradeoff", coe.tradeoff());
        field(out, "experts", List.copyOf(request.allowedExperts()));
        ExpertRequest r = request.expertRequest();
        field(out, "temperature", r.temperature());
        field(out, "top_p", r.topP());
        field(out, "max_tokens", r.maxTokens());
        field(out, "stop", r.stop());
        field(out, "seed", r.seed());
        field(out, "presence", r.presencePenalty());
        field(out, "frequency", r.frequencyPenalty());
        out.append("messages;");
    }

    private static void message(StringBuilder out, ChatMessage m) {
        field(out, m.role().name(), m.content());
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static void field(StringBuilder out, String name, Object value) {
        out.append(name).append('=');
        if (value == null) {
            out.append('-');
        } else if (value instanceof List<?> list) {
            out.append('[').append(list.size()).append(']');
            for (Object o : list) {
                text(out, String.valueOf(o));
            }
        } else {
            text(out, String.valueOf(value));
        }
        out.append(';');
    }

    /** Length-prefixed, so no text can imitate a field boundary. */
    private static void text(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s);
    }

    private static String hash(CharSequence canonical) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
