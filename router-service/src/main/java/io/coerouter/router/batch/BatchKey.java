package io.coerouter.router.batch;

import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.KeyRefusals;
import io.coerouter.router.keys.KeyUsage;
import java.math.BigDecimal;

/**
 * The limits of the API key that created a batch, kept by each of its lines as by an online call: the models and
 * experts it may use, and its budget (each answer's cost is charged to it). Per-minute limits are left to online
 * traffic, as OpenAI keeps batch and online limits apart.
 */
final class BatchKey {

    private static final long RECHECK_NANOS = 200_000_000L;
    private static final BatchKey NONE = new BatchKey(null, null);

    private final ApiKey key;
    private final KeyUsage usage;
    private volatile long checkedAt;
    private volatile boolean stale = true;
    private volatile boolean spent;

    private BatchKey(ApiKey key, KeyUsage usage) {
        this.key = key;
        this.usage = usage;
    }

    /** No key: auth is off, every line may do anything. */
    static BatchKey none() {
        return NONE;
    }

    static BatchKey of(ApiKey key, KeyUsage usage) {
        return new BatchKey(key, usage);
    }

    /**
     * {@code request} limited to the experts the key may reach.
     *
     * @throws RouterException 403 {@code model_not_allowed} or 429 {@code insufficient_quota}, as the online endpoint
     */
    ChatCompletionRequest admit(ChatCompletionRequest request) {
        if (key == null) {
            return request;
        }
        if (!KeyRefusals.mayCall(key, request.model())) {
            throw KeyRefusals.modelNotAllowed(key, request.model());
        }
        if (spent()) {
            throw KeyRefusals.insufficientQuota(key);
        }
        return request.withAllowedExperts(new java.util.LinkedHashSet<>(key.experts()));
    }

    /** Whether the key's budget is spent; read again at most every 200 ms, since every line asks. */
    boolean spent() {
        if (key == null || key.budgetUsd() == null) {
            return false;
        }
        long now = System.nanoTime();
        if (stale || now - checkedAt > RECHECK_NANOS) {
            spent = usage.spent(key).compareTo(key.budgetUsd()) >= 0;
            checkedAt = now;
            stale = false;
        }
        return spent;
    }

    /** The key's id, or null for a batch created without a key. */
    String keyId() {
        return key == null ? null : key.id();
    }

    /** Charges an answer's cost to the key's spend. */
    void charge(BigDecimal cost) {
        if (key != null && cost != null && cost.signum() > 0) {
            usage.record(key, 0, cost);
            stale = true; // the next check reads the new spend
        }
    }
}
