package io.coerouter.expert.egress;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Which environment variables may hold an expert's API key ({@code api-key-env}). A name is allowed when it ends in
 * {@code _API_KEY} or starts with one of the allowed prefixes (by default {@code COE_PROVIDER_}), or is one of the
 * allowed names; and it is never one of the router's own secrets, whatever is configured: anything starting with
 * {@code COE_} (but {@code COE_PROVIDER_}), {@code SPRING_}, {@code REDIS}, {@code MANAGEMENT_}, {@code SERVER_},
 * {@code JAVA_}, {@code JDK_}, {@code DATABASE}, {@code DB_}, {@code PG}, {@code MYSQL}, {@code POSTGRES}, {@code
 * AWS_}, {@code AZURE_CLIENT_}, {@code GOOGLE_APPLICATION_}, {@code KUBERNETES_}, or holding {@code PASSWORD},
 * {@code PASSWD}, {@code ADMIN} or {@code VIEWER}.
 */
public final class SecretPolicy {

    /** The prefix allowed when none is configured. */
    public static final String DEFAULT_PREFIX = "COE_PROVIDER_";

    private static final String SUFFIX = "_API_KEY";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final List<String> NEVER_PREFIXES = List.of(
            "COE_",
            "SPRING_",
            "REDIS",
            "MANAGEMENT_",
            "SERVER_",
            "JAVA_",
            "JDK_",
            "DATABASE",
            "DB_",
            "PG",
            "MYSQL",
            "POSTGRES",
            "AWS_",
            "AZURE_CLIENT_",
            "GOOGLE_APPLICATION_",
            "KUBERNETES_");
    private static final List<String> NEVER_PARTS = List.of("PASSWORD", "PASSWD", "ADMIN", "VIEWER");

    private final List<String> prefixes;
    private final Set<String> names;

    private SecretPolicy(List<String> prefixes, Set<String> names) {
        this.prefixes = prefixes.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList();
        this.names = Set.copyOf(names);
    }

    /**
     * A policy allowing names with one of {@code prefixes} (empty: {@value #DEFAULT_PREFIX}), names ending in {@code
     * _API_KEY}, and {@code names}.
     */
    public static SecretPolicy of(List<String> prefixes, Set<String> names) {
        for (String p : prefixes) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("an allowed prefix must not be blank");
            }
        }
        return new SecretPolicy(prefixes.isEmpty() ? List.of(DEFAULT_PREFIX) : prefixes, names);
    }

    public static SecretPolicy defaults() {
        return of(List.of(), Set.of());
    }

    /** Whether an expert may take its key from the variable {@code name}. */
    public boolean permits(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        boolean provider = upper.startsWith(DEFAULT_PREFIX);
        if (!provider && NEVER_PREFIXES.stream().anyMatch(upper::startsWith)) {
            return false;
        }
        if (NEVER_PARTS.stream().anyMatch(upper::contains)) {
            return false;
        }
        return upper.endsWith(SUFFIX) || prefixes.stream().anyMatch(upper::startsWith) || names.contains(name);
    }

    /** {@code environment} seen through this policy: a variable it does not permit reads as unset. */
    public UnaryOperator<String> filter(UnaryOperator<String> environment) {
        return name -> permits(name) ? environment.apply(name) : null;
    }
}
