package io.coerouter.router.usage;

import java.time.Instant;
import java.util.Comparator;

/**
 * What one hourly rollup row counts: an hour, an API key ({@code ""} when keys are off), an expert ({@code ""}: the
 * requests as a whole), the request's top skill ({@code ""} for a direct request) and the requested model.
 */
record RollupKey(Instant hour, String keyId, String expert, String skill, String model) {

    /** The order rows are written in, so that concurrent writers lock them in one order and never deadlock. */
    static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::hour)
            .thenComparing(RollupKey::keyId)
            .thenComparing(RollupKey::expert)
            .thenComparing(RollupKey::skill)
            .thenComparing(RollupKey::model);
}
