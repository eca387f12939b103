package io.coerouter.router.warmup;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.skills.SkillsState;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The warm-up at readiness. It runs on {@link ApplicationReadyEvent}, which Spring Boot publishes after the web server
 * listens and the liveness state is {@code CORRECT} but before the readiness state becomes {@code
 * ACCEPTING_TRAFFIC}: the readiness probe answers 503 until it is done.
 */
@Configuration(proxyBeanMethods = false)
class WarmupConfiguration {

    @Bean
    WarmupPass warmupPass() {
        return WarmupPass.closed();
    }

    @Bean
    Warmup warmup(
            WarmupProperties properties,
            ExpertRegistry registry,
            WarmupPass pass,
            MeterRegistry meters,
            ApplicationAvailability availability,
            Clock clock) {
        return Warmup.of(properties.toConfig(), registry, pass, meters, availability, clock);
    }

    @Bean
    WarmupTrigger warmupTrigger(Warmup warmup, WarmupProperties properties, CoeProperties coe, Environment env) {
        return new WarmupTrigger(warmup, properties.toConfig(), coe, env);
    }

    /** Runs the warm-up once the application is ready, last among the ready listeners. */
    static final class WarmupTrigger {
        private final Warmup warmup;
        private final WarmupConfig config;
        private final CoeProperties coe;
        private final Environment env;

        WarmupTrigger(Warmup warmup, WarmupConfig config, CoeProperties coe, Environment env) {
            this.warmup = warmup;
            this.config = config;
            this.coe = coe;
            this.env = env;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Order(Ordered.LOWEST_PRECEDENCE)
        void ready(ApplicationReadyEvent event) {
            warmUp();
            if (config.exit()) {
                // A training run: the JVM writes its AOT cache as it exits (-XX:AOTCacheOutput). The skill classifier
                // is built first (or its warm-up waited for): closing its encoder while it runs crashes onnxruntime.
                try {
                    event.getApplicationContext()
                            .getBeanProvider(SkillsState.class)
                            .ifAvailable(SkillsState::classifier);
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Warmup.class).warn("skill classifier not built: {}", e.toString());
                }
                LoggerFactory.getLogger(Warmup.class).info("coe.warmup.exit: exiting after the warm-up");
                System.exit(SpringApplication.exit(event.getApplicationContext()));
            }
        }

        private void warmUp() {
            Integer port = env.getProperty("local.server.port", Integer.class);
            if (!config.enabled()) {
                warmup.skip("coe.warmup.enabled is false");
            } else if (!coe.role().servesApi()) {
                warmup.skip("role " + coe.role() + " serves no API");
            } else if (port == null || port <= 0) {
                warmup.skip("no HTTP server port");
            } else if (env.getProperty("server.ssl.enabled", Boolean.class, false)) {
                warmup.skip("server.ssl.enabled: the warm-up speaks plain HTTP");
            } else {
                warmup.run(host(env.getProperty("server.address")), port);
            }
        }

        /** The address the server listens on, or loopback when it listens on all of them. */
        private static String host(String address) {
            if (address == null || address.isBlank()) {
                return "127.0.0.1";
            }
            try {
                InetAddress a = InetAddress.getByName(address);
                return a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
            } catch (UnknownHostException e) {
                return "127.0.0.1";
            }
        }
    }
}
