package io.coerouter.router.config;

import java.util.List;

/**
 * Which environment variables may hold an expert's API key ({@code api-key-env}): names ending in {@code _API_KEY},
 * names with an allowed prefix, and the allowed names; never the router's own secrets ({@code COE_ADMIN_KEY},
 * {@code REDIS_*}, {@code SPRING_*}...) whatever is listed here. See {@link io.coerouter.expert.egress.SecretPolicy}.
 *
 * @param allowedEnvPrefixes prefixes of allowed names; empty: {@code COE_PROVIDER_}
 * @param allowedEnvNames further allowed names
 */
public record SecretsProperties(List<String> allowedEnvPrefixes, List<String> allowedEnvNames) {

    public SecretsProperties {
        allowedEnvPrefixes = allowedEnvPrefixes == null ? List.of() : List.copyOf(allowedEnvPrefixes);
        allowedEnvNames = allowedEnvNames == null ? List.of() : List.copyOf(allowedEnvNames);
    }

    public io.coerouter.expert.egress.SecretPolicy toPolicy() {
        return io.coerouter.expert.egress.SecretPolicy.of(allowedEnvPrefixes, java.util.Set.copyOf(allowedEnvNames));
    }
}
