package io.coerouter.router.experts;

import io.coerouter.expert.egress.EgressPolicy.Origin;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a stored expert's definition comes from. */
public enum ExpertSource {
    /** {@code coe.experts} declares it: a changed declaration replaces it at start. */
    CONFIG,
    /** The admin API created or changed it: it outlives changes to the declaration. */
    ADMIN;

    /** The name the API and the store use: {@code config} or {@code admin}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source an API name stands for. */
    public static Optional<ExpertSource> of(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
    }

    /** Experts the admin API created or changed are held to its egress rules; declared ones to the operator's. */
    public Origin origin() {
        return this == ADMIN ? Origin.ADMIN : Origin.DECLARED;
    }
}
