package io.coerouter.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts CoE Router. Spring Security's generated default user is excluded: callers authenticate with bearer keys
 * only (io.coerouter.router.security).
 */
@SpringBootApplication(
        excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConfigurationPropertiesScan
public class CoeRouterApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoeRouterApplication.class, args);
    }
}
