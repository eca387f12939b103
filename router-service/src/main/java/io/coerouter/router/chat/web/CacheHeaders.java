package io.coerouter.router.chat.web;

import io.coerouter.router.cache.CacheDirective;
import io.coerouter.router.cache.CacheLookup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a chat response tells the client what the response cache did: {@code x-coe-cache} ({@code hit}, {@code miss},
 * {@code bypass}), {@code x-coe-cache-kind} ({@code exact}, {@code semantic}) on a hit, {@code x-coe-cache-similarity}
 * (the hit's cosine similarity, or a miss's closest one), {@code x-coe-cache-reason} on a bypass. None when the cache
 * is off. And the other way: what a request's own caching headers ask of the cache ({@link #directive}).
 */
final class CacheHeaders {

    /** The most characters one replayed chunk carries. */
    static final int CHUNK_CHARS = 48;

    private CacheHeaders() {}

    static void write(HttpServletResponse response, CacheLookup cached) {
        if (!cached.reported()) {
            return;
        }
        response.setHeader("x-coe-cache", cached.status().id());
        if (cached.kind() != null) {
            response.setHeader("x-coe-cache-kind", cached.kind().id());
        }
        if (cached.similarity() != null) {
            response.setHeader("x-coe-cache-similarity", String.format(Locale.ROOT, "%.4f", cached.similarity()));
        }
        if (cached.reason() != null) {
            response.setHeader("x-coe-cache-reason", cached.reason().id());
        }
    }

    /** What the client's {@code Cache-Control} (or {@code Pragma}) header asks of the response cache. */
    static CacheDirective directive(HttpServletRequest request) {
        CacheDirective directive = CacheDirective.NONE;
        for (String name : new String[] {"Cache-Control", "Pragma"}) {
            java.util.Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                for (String part : values.nextElement().split(",")) {
                    String d = part.strip().toLowerCase(java.util.Locale.ROOT);
                    if (d.equals("no-store") && name.equals("Cache-Control")) {
                        return CacheDirective.NO_STORE;
                    }
                    if (d.equals("no-cache")) {
                        directive = CacheDirective.NO_CACHE;
                    }
                }
            }
        }
        return directive;
    }

    /** {@code text} cut into stream chunks of at most {@link #CHUNK_CHARS} characters, after a space where one is. */
    static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>(text.length() / CHUNK_CHARS + 1);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + CHUNK_CHARS);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end - 1);
                if (space > start) {
                    end = space + 1;
                }
                if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // never split a surrogate pair between chunks
                }
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }
}
