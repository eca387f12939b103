package io.coerouter.router.experts;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Model loads and evictions as metrics: {@code coe_model_loads_total{expert, tier}}, {@code
 * coe_model_load_seconds{expert, tier}} and {@code coe_model_evictions_total{expert}}; {@code tier} is where the
 * bytes came from ({@code disk} or {@code host}).
 */
final class PoolMetrics implements PoolListener {

    private final MeterRegistry registry;

    PoolMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onLoad(String id, Tier from, Duration took, long bytes) {
        String tier = from.name().toLowerCase(Locale.ROOT);
        Counter.builder("coe.model.loads")
                .description("Local model loads, by the tier the bytes came from")
                .tags("expert", id, "tier", tier)
                .register(registry)
                .increment();
        Timer.builder("coe.model.load")
                .description("Time to load a local model onto the device")
                .tags("expert", id, "tier", tier)
                .register(registry)
                .record(took);
    }

    @Override
    public void onEvict(String id, long bytes) {
        Counter.builder("coe.model.evictions")
                .description("Local models unloaded to make room or on request")
                .tag("expert", id)
                .register(registry)
                .increment();
    }
}
