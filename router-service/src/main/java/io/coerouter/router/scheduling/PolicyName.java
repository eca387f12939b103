package io.coerouter.router.scheduling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The scheduling policies {@code coe.scheduler.policy} may name, each with its configured name. */
public enum PolicyName {
    /** {@link SchedulingPolicy#swapAware()}. */
    SWAP_AWARE("swap-aware"),
    /** {@link SchedulingPolicy#fcfs()}. */
    FCFS("fcfs"),
    /** {@link SchedulingPolicy#groupByModel()}. */
    GROUP_BY_MODEL("group-by-model");

    private final String configName;

    PolicyName(String configName) {
        this.configName = configName;
    }

    /** The name as configured: {@code swap-aware}, {@code fcfs} or {@code group-by-model}. */
    public String configName() {
        return configName;
    }

    /** The policy this name stands for. */
    public SchedulingPolicy policy() {
        return switch (this) {
            case SWAP_AWARE -> SchedulingPolicy.swapAware();
            case FCFS -> SchedulingPolicy.fcfs();
            case GROUP_BY_MODEL -> SchedulingPolicy.groupByModel();
        };
    }

    /** Every configured name, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(PolicyName::configName).toList();
    }

    /**
     * The policy named {@code name}, in any case.
     *
     * @throws IllegalArgumentException naming {@code property} and the allowed names for any other value
     */
    public static PolicyName named(String property, String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (PolicyName p : values()) {
            if (p.configName.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                property + " must be one of " + String.join(", ", configNames()) + ", but was '" + name + "'");
    }
}
