package io.coerouter.router.dispatch;

import java.util.Objects;

/**
 * The Redis keys of one expert's queue, hash-tagged with {@code {q:<expert>}} so the stream, its consumer group and
 * any lease data live in one Redis Cluster slot (one node; scripts may touch them together).
 *
 * @param prefix the deployment's key prefix
 * @param expert the expert's name (no braces)
 */
public record ExpertKeys(String prefix, String expert) {

    public ExpertKeys {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(expert, "expert");
        if (expert.isBlank() || expert.indexOf('{') >= 0 || expert.indexOf('}') >= 0) {
            throw new IllegalArgumentException("an expert name must be non-blank and free of braces: " + expert);
        }
    }

    /** The stream holding the expert's entries not yet acknowledged. */
    public String stream() {
        return key("stream");
    }

    /** Another key of this expert's queue, in the stream's slot: {@code <prefix>{q:<expert>}:<part>}. */
    public String key(String part) {
        return prefix + "{q:" + expert + "}:" + part;
    }
}
