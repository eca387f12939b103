package io.coerouter.skills.recruit;

import java.util.Arrays;
import java.util.Locale;

/** The two published ways of choosing experts. */
public enum RoutingMethod {
    /** Symbolic-MoE: per-skill profile scores times global competence; k experts by weight. */
    SYMBOLIC_MOE("symbolic-moe"),
    /** Composition of Experts: the top skill's category picks the expert; uncertain queries go to a generalist. */
    CATEGORY("category");

    private final String id;

    RoutingMethod(String id) {
        this.id = id;
    }

    /** The name used in configuration and requests. */
    public String id() {
        return id;
    }

    /** The method named {@code id}. */
    public static RoutingMethod of(String id) {
        return Arrays.stream(values())
                .filter(m -> m.id.equals(id.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "routing method must be one of [symbolic-moe, category], but was '" + id + "'"));
    }
}
