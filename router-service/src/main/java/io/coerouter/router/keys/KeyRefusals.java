package io.coerouter.router.keys;

import io.coerouter.expert.ExpertConfig;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;

/** The refusals a gateway key's limits give, the same online and for batch lines. */
public final class KeyRefusals {

    private KeyRefusals() {}

    /** Whether {@code key} may send {@code model}: one of its models, and (unless {@code coe}) one of its experts. */
    public static boolean mayCall(ApiKey key, String model) {
        return key.allows(model) && (ExpertConfig.RESERVED_ID.equals(model) || key.reaches(model));
    }

    /** 403 {@code model_not_allowed}, naming what the key may call. */
    public static RouterException modelNotAllowed(ApiKey key, String model) {
        return new RouterException(
                ErrorKind.PERMISSION_DENIED,
                "API key '" + key.id() + "' may not call model '" + model + "'; it may call "
                        + (key.models().isEmpty() ? "any model" : key.models())
                        + (key.experts().isEmpty() ? "" : ", reaching only experts " + key.experts()) + ".",
                "model",
                "model_not_allowed");
    }

    /** 429 {@code insufficient_quota}, OpenAI's code for a spent quota. */
    public static RouterException insufficientQuota(ApiKey key) {
        return new RouterException(
                ErrorKind.QUOTA_EXCEEDED,
                "API key '" + key.id() + "' has spent its budget of $"
                        + key.budgetUsd().toPlainString() + ".",
                null,
                "insufficient_quota");
    }
}
