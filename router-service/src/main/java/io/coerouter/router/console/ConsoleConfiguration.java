package io.coerouter.router.console;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.state.SharedState;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Console sessions in the shared state (Redis when configured, else memory) and the sign-in limit. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    /** Failed sign-ins allowed per client address and minute. */
    static final int FAILURES_PER_MINUTE = 10;

    @Bean
    ConsoleSessions consoleSessions(CoeProperties properties, SharedState state, JsonMapper json, Clock clock) {
        return state.redis()
                .map(redis -> ConsoleSessions.redis(redis, json, properties.console(), clock))
                .orElseGet(() -> ConsoleSessions.inMemory(properties.console(), clock));
    }

    @Bean
    LoginAttempts loginAttempts(Clock clock) {
        return LoginAttempts.of(FAILURES_PER_MINUTE, Duration.ofMinutes(1), clock);
    }
}
