package io.coerouter.expert.resilience;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ResilienceConfig;
import io.coerouter.expert.ResilienceDecorator;
import java.time.Clock;

/** The {@link ResilienceDecorator} {@link Expert#resilient} finds: a {@link ResilientExpert} on Resilience4j. */
public final class Resilience4jDecorator implements ResilienceDecorator {

    /** For {@link java.util.ServiceLoader}. */
    public Resilience4jDecorator() {}

    @Override
    public Expert decorate(Expert expert, ResilienceConfig config, Clock clock) {
        return new ResilientExpert(expert, config, clock);
    }
}
