package io.coerouter.router.dispatch;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of cluster members (worker and gateway ids) and of experts as the cluster directory stores them: a
 * member id is {@code [A-Za-z0-9._-]{1,100}}, so it is safe in a Redis key; an expert name is non-blank and free of
 * braces (it goes into a {@code {q:<expert>}} hash tag).
 */
final class ClusterIds {

    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private ClusterIds() {}

    /** Whether {@code id} is a well-formed member id. */
    static boolean valid(String id) {
        return id != null && MEMBER.matcher(id).matches();
    }

    /**
     * {@code id}, when it is a well-formed member id.
     *
     * @throws IllegalArgumentException naming {@code field} and the value otherwise
     */
    static String requireMember(String field, String id) {
        Objects.requireNonNull(id, field);
        if (!valid(id)) {
            throw new IllegalArgumentException(field + " must match [A-Za-z0-9._-]{1,100}: '" + id + "'");
        }
        return id;
    }

    /**
     * {@code expert}, when it is non-blank and free of braces.
     *
     * @throws IllegalArgumentException naming {@code field} and the value otherwise
     */
    static String requireExpert(String field, String expert) {
        Objects.requireNonNull(expert, field);
        if (expert.isBlank() || expert.indexOf('{') >= 0 || expert.indexOf('}') >= 0) {
            throw new IllegalArgumentException(field + " must be non-blank and free of braces: '" + expert + "'");
        }
        return expert;
    }

    /**
     * {@code value}, when it is {@code >= 0}.
     *
     * @throws IllegalArgumentException naming {@code field} and the value otherwise
     */
    static long requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0: " + value);
        }
        return value;
    }
}
