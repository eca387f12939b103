package io.coerouter.router.keys;

import io.coerouter.router.error.RouterException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A gateway key admitted for one call: which models it may call, which experts it may reach, and settling its usage
 * when the answer is known (correcting the estimate taken at admission).
 */
public final class AdmittedKey {

    private final ApiKey key;
    private final long estimate;
    private final KeyUsage usage;

    private AdmittedKey(ApiKey key, long estimate, KeyUsage usage) {
        this.key = key;
        this.estimate = estimate;
        this.usage = usage;
    }

    /** {@code key}, admitted with {@code estimate} tokens taken from its limits ({@code 0}: a call that spends none). */
    static AdmittedKey of(ApiKey key, long estimate, KeyUsage usage) {
        return new AdmittedKey(key, estimate, usage);
    }

    /** The key's id. */
    public String id() {
        return key.id();
    }

    /** Whether the key may call {@code model}. */
    public boolean mayCall(String model) {
        return KeyRefusals.mayCall(key, model);
    }

    /**
     * Refuses {@code model} when the key may not call it.
     *
     * @throws RouterException {@code PERMISSION_DENIED}, {@code model_not_allowed}
     */
    public void requireModel(String model) {
        if (!mayCall(model)) {
            throw KeyRefusals.modelNotAllowed(key, model);
        }
    }

    /** The experts the key may reach, in the key's order; empty: all. */
    public Set<String> experts() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(key.experts()));
    }

    /** Counts what the call used against the key: the tokens (correcting the estimate) and the cost. */
    public void record(long tokens, BigDecimal costUsd) {
        usage.record(key, tokens - estimate, costUsd == null ? BigDecimal.ZERO : costUsd);
    }
}
